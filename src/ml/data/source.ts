import { DataError, E } from "./errors.js";
import { distinctCount, type RawColumn } from "./table.js";

/**
 * What a reader hands to labelling/encoding: one row per example (an interaction),
 * every usable column already joined onto the rows.
 */
export interface Source {
  /** The file whose rows are the examples (.inter or the CSV file). */
  file: string;
  n: number;
  /** row -> 1-based line number in `file`. */
  lines: Int32Array;
  /** Columns of the example file (label candidates), by name. */
  mainColumns: Map<string, RawColumn>;
  /** Every column usable as a feature, by name, each of length n (side files joined). */
  columns: Map<string, RawColumn>;
  /** Default feature list (see defaultFeatures). */
  defaultFields: string[];
  /** e.g. "recbole ml-100k". */
  name: string;
}

/** Names treated as time stamps, excluded from the default features. */
export const TIME_NAME = /(^|_)(timestamp|ts|time|date|datetime)$/i;

/**
 * A token / token_seq column is "near-unique" (an identifier or free text, e.g. zip_code,
 * movie_title) when it has more distinct values (tokens) than max(100, rows/2) of its file.
 */
export function nearUnique(col: RawColumn, fileRows: number): boolean {
  return distinctCount(col) > Math.max(100, fileRows / 2);
}

/**
 * The default feature rule (documented in docs/data.md): in file order (.inter, .user, .item),
 * every column except the label field, float_seq columns, time stamps (TIME_NAME) and
 * near-unique token/token_seq columns; the id columns `keep` (user_id, item_id) are always kept.
 */
export function defaultFeatures(
  files: { columns: RawColumn[]; rows: number; skip?: string }[],
  label: string | undefined,
  keep: string[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    for (const c of f.columns) {
      if (c.name === f.skip || seen.has(c.name)) continue;
      seen.add(c.name);
      if (c.name === label || c.kind === "float_seq") continue;
      if (!keep.includes(c.name) && (TIME_NAME.test(c.name) || nearUnique(c, f.rows))) continue;
      out.push(c.name);
    }
  }
  return out;
}

/** Resolve the feature columns: spec.fields if given (checked), else the default. */
export function selectFeatures(src: Source, fields: string[] | undefined, label: string | undefined): RawColumn[] {
  const names = fields ?? src.defaultFields;
  if (names.length === 0) {
    throw new DataError({ code: E.MISSING_COLUMN, file: src.file, what: "no feature columns", hint: `set dataset.fields; columns: ${[...src.columns.keys()].join(", ")}` });
  }
  const seen = new Set<string>();
  return names.map((name) => {
    const col = src.columns.get(name);
    if (!col) {
      throw new DataError({
        code: E.MISSING_COLUMN, file: src.file, line: 1,
        what: `dataset.fields names '${name}', which is not a column of ${src.name}`,
        hint: `columns: ${[...src.columns.keys()].join(", ")}`,
      });
    }
    if (name === label) {
      throw new DataError({ code: E.BAD_OPTION, file: src.file, line: 1, what: `the label field '${name}' is also listed in dataset.fields`, hint: "remove it from dataset.fields: a feature must not be the label" });
    }
    if (seen.has(name)) {
      throw new DataError({ code: E.BAD_OPTION, file: src.file, line: 1, what: `dataset.fields lists '${name}' twice`, hint: "list each field once" });
    }
    seen.add(name);
    if (col.kind === "float_seq") {
      throw new DataError({ code: E.UNSUPPORTED, file: col.file, line: 1, what: `column '${name}' is float_seq, which dagtune does not encode yet`, hint: "drop it from dataset.fields" });
    }
    return col;
  });
}
