import { buildPipeline } from "./build.js";
import { Ctx, isObj, sortDiagnostics } from "./ctx.js";
import { hasErrors, type Diagnostic } from "./diagnostic.js";
import { applyOverrides, parseOverrides } from "./overrides.js";
import { schemaDiagnostics } from "./schemaCheck.js";
import type { Pipeline } from "./types.js";
import type { TaskDecl } from "../tasks/types.js";
import { TASKS } from "../tasks/registry.js";
import { explainMergeKeys, parseSource, toPlain } from "./yamlSource.js";
import { scanValues, supersede } from "./scan.js";

/** Root causes: other diagnostics at their position are dropped. */
const SUPERSEDING = ["E_NONFINITE", "E_UNSAFE_INTEGER"];

export interface ValidateOptions {
  /** `key=value` overrides (`--set`), applied before validation. */
  set?: readonly string[];
  /** Absolute path of the file (dataset paths resolve against its folder); default: `file`. */
  absFile?: string;
  /** Task types (default: the built-in registry, src/tasks/registry.ts). */
  tasks?: Readonly<Record<string, TaskDecl>>;
}

export interface ValidateResult {
  /** Present when there are no errors. */
  pipeline?: Pipeline;
  /** Errors and warnings, sorted by position. */
  diagnostics: Diagnostic[];
}

/**
 * Pure: validate pipeline source text. `file` is the path shown in diagnostics.
 * Every problem is collected; nothing throws for bad input.
 */
export function validateSource(text: string, file: string, opts: ValidateOptions = {}): ValidateResult {
  const absFile = opts.absFile ?? file;
  const parsed = parseSource(text, file);
  if (parsed.diagnostics.length || !parsed.doc) return { diagnostics: sortDiagnostics(parsed.diagnostics) };
  const doc = parsed.doc;
  const pre: Diagnostic[] = [];
  if (opts.set?.length) {
    const { overrides, diagnostics } = parseOverrides(opts.set);
    pre.push(...diagnostics, ...applyOverrides(doc, overrides));
  }
  const plain = toPlain(doc, parsed.lineCounter, file);
  if (plain.diagnostics.length) return { diagnostics: sortDiagnostics([...pre, ...plain.diagnostics]) };
  if (!isObj(plain.value)) return { diagnostics: sortDiagnostics(pre) };
  const tasks = opts.tasks ?? TASKS;
  const lookup = (n: string) => (Object.prototype.hasOwnProperty.call(tasks, n) ? tasks[n] : undefined);
  const ctx = new Ctx(plain.locs, lookup, Object.keys(tasks));
  ctx.diagnostics.push(...pre, ...plain.checks, ...scanValues(plain.value, plain.locs), ...schemaDiagnostics(plain.value, plain.locs));
  const pipeline = buildPipeline(plain.value, ctx, absFile);
  const diagnostics = sortDiagnostics(explainMergeKeys(supersede(ctx.diagnostics, SUPERSEDING), plain.merges));
  return hasErrors(diagnostics) ? { diagnostics } : { pipeline, diagnostics };
}
