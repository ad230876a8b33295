import { buildPipeline } from "./build.js";
import { Ctx, isObj, sortDiagnostics } from "./ctx.js";
import { hasErrors, type Diagnostic } from "./diagnostic.js";
import { applyOverrides, parseOverrides, type Override } from "./overrides.js";
import { setOrigin } from "./locs.js";
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
  let overrides: Override[] = [];
  if (opts.set?.length) {
    const parsedSets = parseOverrides(opts.set);
    overrides = parsedSets.overrides;
    pre.push(...parsedSets.diagnostics, ...applyOverrides(doc, overrides));
  }
  const plain = toPlain(doc, parsed.lineCounter, file);
  for (const o of overrides) if (o.created) plain.locs.markCreated(o.created, o.text);
  if (plain.diagnostics.length) return { diagnostics: sortDiagnostics([...pre, ...plain.diagnostics]) };
  if (!isObj(plain.value)) return { diagnostics: sortDiagnostics(pre) };
  const tasks = opts.tasks ?? TASKS;
  const lookup = (n: string) => (Object.prototype.hasOwnProperty.call(tasks, n) ? tasks[n] : undefined);
  const ctx = new Ctx(plain.locs, lookup, Object.keys(tasks));
  ctx.diagnostics.push(...pre, ...plain.checks, ...scanValues(plain.value, plain.locs), ...schemaDiagnostics(plain.value, plain.locs));
  const pipeline = buildPipeline(plain.value, ctx, absFile);
  const diagnostics = sortDiagnostics(explainMergeKeys(supersede(ctx.diagnostics, SUPERSEDING), plain.merges).map(fromSetText));
  return hasErrors(diagnostics) ? { diagnostics } : { pipeline, diagnostics };
}

/**
 * A diagnostic about a place a `--set` created (a node or field not in the file) names the
 * override instead of pointing at an unrelated line of the file.
 */
function fromSetText(d: Diagnostic): Diagnostic {
  const by = d.loc ? setOrigin(d.loc) : undefined;
  if (by === undefined) return d;
  const message = `--set ${by.text}: ${d.message}`;
  // Inside an existing node the nearest written ancestor (its params, search...) is still the
  // right place; a whole node or top-level key made up by --set has no place in the file.
  if (by.depth >= 3) return { ...d, message };
  const { loc: _loc, ...rest } = d;
  return { ...rest, message };
}
