/** A position in a source file, 1-based line and column. */
export interface Loc {
  file: string;
  line: number;
  col: number;
  /** Length of the underlined source span on that line (renderers draw ^~~~); optional. */
  len?: number;
}

export interface RelatedLoc {
  message: string;
  loc: Loc;
}

/** A user-facing problem: where, what, how to fix. Pure data; report/ renders it. */
export interface Diagnostic {
  severity: "error" | "warning";
  /** Stable machine code, e.g. "E_UNKNOWN_NODE". Tests assert codes, not wording. */
  code: string;
  message: string;
  loc?: Loc;
  hint?: string;
  related?: RelatedLoc[];
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === "error");
