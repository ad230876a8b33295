/**
 * DataError: a user-facing problem with a data file or with the dataset settings.
 * Message format: "file:line: what is wrong" (or "file: what" when no line applies),
 * followed by "\n  hint: ..." when a hint is known. Never a raw exception or tensor error.
 */
export class DataError extends Error {
  /** Stable machine code (tests assert codes, not wording). */
  readonly code: string;
  /** The file at fault (as given: usually an absolute path). */
  readonly file: string;
  /** 1-based line number, when one line is at fault. */
  readonly line: number | undefined;
  /** What is wrong, without location or hint. */
  readonly what: string;
  readonly hint: string | undefined;

  constructor(opts: { code: string; file: string; line?: number; what: string; hint?: string }) {
    const where = opts.line === undefined ? opts.file : `${opts.file}:${opts.line}`;
    super(`${where}: ${opts.what}${opts.hint ? `\n  hint: ${opts.hint}` : ""}`);
    this.name = "DataError";
    this.code = opts.code;
    this.file = opts.file;
    this.line = opts.line;
    this.what = opts.what;
    this.hint = opts.hint;
  }
}

/** Error codes (stable). */
export const E = {
  EMPTY_FILE: "E_DATA_EMPTY_FILE",
  BAD_HEADER: "E_DATA_BAD_HEADER",
  BAD_TYPE: "E_DATA_BAD_TYPE",
  DUP_COLUMN: "E_DATA_DUPLICATE_COLUMN",
  COLUMN_COUNT: "E_DATA_COLUMN_COUNT",
  BAD_FLOAT: "E_DATA_BAD_FLOAT",
  BAD_QUOTE: "E_DATA_BAD_QUOTE",
  MISSING_FILE: "E_DATA_MISSING_FILE",
  MISSING_COLUMN: "E_DATA_MISSING_COLUMN",
  MISSING_LABEL: "E_DATA_MISSING_LABEL",
  BAD_LABEL: "E_DATA_BAD_LABEL",
  DUP_KEY: "E_DATA_DUPLICATE_KEY",
  UNSUPPORTED: "E_DATA_UNSUPPORTED",
  BAD_OPTION: "E_DATA_BAD_OPTION",
  NO_ROWS: "E_DATA_NO_ROWS",
} as const;
