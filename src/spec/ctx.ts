import type { Diagnostic, Loc, RelatedLoc } from "./diagnostic.js";
import type { LocMap } from "./locs.js";
import type { TaskDecl } from "../tasks/types.js";
import { getTask } from "../tasks/registry.js";

/** Task lookup: the built-in registry unless a caller supplies its own. */
export type TaskLookup = (name: string) => TaskDecl | undefined;

/** Collects diagnostics while checking a document; never throws. */
export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly locs: LocMap,
    readonly task: TaskLookup = getTask,
    readonly taskNames: readonly string[] = [],
  ) {}

  error(code: string, message: string, loc: Loc | undefined, hint?: string, related?: RelatedLoc[]): void {
    this.push("error", code, message, loc, hint, related);
  }

  warn(code: string, message: string, loc: Loc | undefined, hint?: string, related?: RelatedLoc[]): void {
    this.push("warning", code, message, loc, hint, related);
  }

  private push(severity: Diagnostic["severity"], code: string, message: string, loc?: Loc, hint?: string, related?: RelatedLoc[]): void {
    const d: Diagnostic = { severity, code, message };
    if (loc) d.loc = loc;
    if (hint) d.hint = hint;
    if (related && related.length) d.related = related;
    this.diagnostics.push(d);
  }
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const isScalarValue = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Sort diagnostics by position (file, line, col); position-less first; stable. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const la = a.d.loc, lb = b.d.loc;
      if (!la || !lb) return (la ? 1 : 0) - (lb ? 1 : 0) || a.i - b.i;
      return la.file.localeCompare(lb.file) || la.line - lb.line || la.col - lb.col || a.i - b.i;
    })
    .map((x) => x.d);
}
