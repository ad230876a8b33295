/** dagtune library API. The CLI (src/cli) is a thin shell over these. */
import { readFile } from "node:fs/promises";
import * as nodePath from "node:path";
import type { Diagnostic } from "./spec/diagnostic.js";
import type { Pipeline } from "./spec/types.js";
import type { TaskDecl } from "./tasks/types.js";
import { validateSource } from "./spec/validate.js";

export { validateSource, type ValidateOptions, type ValidateResult } from "./spec/validate.js";
export { parseOverrides, applyOverrides, type Override } from "./spec/overrides.js";
export { analyzeCarried, carriesOf, type CarriedAnalysis, type CarriedOut, type Received } from "./spec/carried.js";
export { PIPELINE_SCHEMA, NODE_NAME_PATTERN } from "./spec/schemaObject.js";
export { hasErrors, type Diagnostic, type Loc, type RelatedLoc } from "./spec/diagnostic.js";
export type { Pipeline, NodeSpec, InputSpec, Select, DatasetSpec, LabelSpec, SearchSpec, Params, Scalar, Goal, Space } from "./spec/types.js";
export { buildGraph, topoOrder, ancestors, descendants, fromSelection, findCycles } from "./graph/graph.js";
export { buildPlan, type Plan, type PlanNode, type PlanCarried, type PlanFixed, type PlanInput, type PlanMultiplier, type PlanSearched } from "./graph/plan.js";
export { renderPlan, toMermaid, toDot, trialsText, type RenderPlanOptions } from "./graph/render.js";
export { renderDiagnostics, renderDiagnostic, useColor } from "./report/diagnostics.js";
export { TASKS, getTask } from "./tasks/registry.js";
export type { TaskDecl, ParamDecl, InputDecl } from "./tasks/types.js";

export interface LoadOptions {
  /** `key=value` overrides (`--set`), applied to the document before validation. */
  set?: readonly string[];
  /** Task types (default: the built-in registry). */
  tasks?: Readonly<Record<string, TaskDecl>>;
}

export type LoadResult =
  | { ok: true; pipeline: Pipeline; warnings: Diagnostic[]; source: string }
  | { ok: false; diagnostics: Diagnostic[]; source?: string };

/**
 * Read and validate a pipeline file. Diagnostics name the file as given (`path`);
 * `pipeline.file` and dataset paths are absolute. Never throws for user errors.
 */
export async function loadPipeline(path: string, opts: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const d: Diagnostic =
      code === "ENOENT"
        ? { severity: "error", code: "E_FILE_NOT_FOUND", message: `pipeline file ${JSON.stringify(path)} does not exist`, hint: "check the path (it is relative to the current folder)" }
        : {
            severity: "error",
            code: "E_FILE_READ",
            message: `cannot read pipeline file ${JSON.stringify(path)}: ${code === "EISDIR" ? "it is a folder" : (e as Error).message}`,
            ...(code === "EISDIR" ? { hint: "name the .yaml file inside it" } : {}),
          };
    return { ok: false, diagnostics: [d] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const r = validateSource(text, path, { absFile: nodePath.resolve(path), ...(opts.set ? { set: opts.set } : {}), ...(opts.tasks ? { tasks: opts.tasks } : {}) });
  if (r.pipeline) return { ok: true, pipeline: r.pipeline, warnings: r.diagnostics, source: text };
  return { ok: false, diagnostics: r.diagnostics, source: text };
}
