import { DataError, E } from "./errors.js";

/** Column types of RecBole atomic files (float_seq is recognised but not supported as a feature). */
export type ColumnKind = "token" | "token_seq" | "float" | "float_seq";
export const COLUMN_KINDS: readonly ColumnKind[] = ["token", "token_seq", "float", "float_seq"];

/**
 * A parsed column, dictionary-encoded at read time (raw codes index `dict`).
 * Raw codes are file-local; the encoder maps them to global ids built on the train split.
 */
export type RawColumn =
  | { kind: "token"; name: string; file: string; dict: string[]; codes: Int32Array /* -1 = missing */ }
  | { kind: "token_seq"; name: string; file: string; dict: string[]; starts: Int32Array /* n+1 */; codes: Int32Array }
  | { kind: "float"; name: string; file: string; values: Float64Array /* NaN = missing */ }
  | { kind: "float_seq"; name: string; file: string };

export interface RawTable {
  file: string;
  n: number;
  columns: RawColumn[];
  /** row -> 1-based line number in `file`. */
  lines: Int32Array;
}

/** Distinct values of a token column / distinct tokens of a token_seq column (in its own file). */
export function distinctCount(c: RawColumn): number {
  return c.kind === "token" || c.kind === "token_seq" ? c.dict.length : 0;
}

/** Accumulates one column's values while a file is read. */
export interface ColumnBuilder {
  push(value: string, line: number): void;
  finish(): RawColumn;
}

export function columnBuilder(kind: ColumnKind, name: string, file: string, capacity: number, seqSep = " "): ColumnBuilder {
  switch (kind) {
    case "token": {
      const map = new Map<string, number>();
      const dict: string[] = [];
      let codes = new Int32Array(Math.max(16, capacity));
      let n = 0;
      return {
        push(v) {
          if (n === codes.length) codes = grow(codes);
          if (v === "") { codes[n++] = -1; return; }
          let c = map.get(v);
          if (c === undefined) { c = dict.length; map.set(v, c); dict.push(v); }
          codes[n++] = c;
        },
        finish: () => ({ kind, name, file, dict, codes: codes.slice(0, n) }),
      };
    }
    case "token_seq": {
      const map = new Map<string, number>();
      const dict: string[] = [];
      let starts = new Int32Array(Math.max(16, capacity + 1));
      let codes = new Int32Array(Math.max(16, capacity * 2));
      let n = 0, m = 0;
      return {
        push(v) {
          if (n + 1 === starts.length) starts = grow(starts);
          let p = 0;
          while (p <= v.length) {
            let q = v.indexOf(seqSep, p);
            if (q < 0) q = v.length;
            if (q > p) {
              const tok = v.slice(p, q);
              let c = map.get(tok);
              if (c === undefined) { c = dict.length; map.set(tok, c); dict.push(tok); }
              if (m === codes.length) codes = grow(codes);
              codes[m++] = c;
            }
            p = q + seqSep.length;
          }
          starts[++n] = m;
        },
        finish: () => ({ kind, name, file, dict, starts: starts.slice(0, n + 1), codes: codes.slice(0, m) }),
      };
    }
    case "float": {
      let values = new Float64Array(Math.max(16, capacity));
      let n = 0;
      return {
        push(v, line) {
          if (n === values.length) values = grow(values);
          if (v === "" || v.trim() === "") { values[n++] = NaN; return; }
          const x = Number(v);
          if (!Number.isFinite(x)) {
            throw new DataError({
              code: E.BAD_FLOAT, file, line,
              what: `column '${name}' is float but the value is '${v}'`,
              hint: `fix the value, or declare the column as '${name}:token' in the header`,
            });
          }
          values[n++] = x;
        },
        finish: () => ({ kind, name, file, values: values.slice(0, n) }),
      };
    }
    case "float_seq":
      return { push() {}, finish: () => ({ kind, name, file }) };
  }
}

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Rows of `col` picked by `idx` (-1 = missing value). Dictionaries are shared, not copied. */
export function gatherColumn(col: RawColumn, idx: Int32Array): RawColumn {
  const n = idx.length;
  switch (col.kind) {
    case "token": {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) { const r = idx[i]!; codes[i] = r < 0 ? -1 : col.codes[r]!; }
      return { ...col, codes };
    }
    case "token_seq": {
      const starts = new Int32Array(n + 1);
      let m = 0;
      for (let i = 0; i < n; i++) {
        const r = idx[i]!;
        if (r >= 0) m += col.starts[r + 1]! - col.starts[r]!;
        starts[i + 1] = m;
      }
      const codes = new Int32Array(m);
      for (let i = 0; i < n; i++) {
        const r = idx[i]!;
        if (r >= 0) codes.set(col.codes.subarray(col.starts[r]!, col.starts[r + 1]!), starts[i]!);
      }
      return { ...col, starts, codes };
    }
    case "float": {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) { const r = idx[i]!; values[i] = r < 0 ? NaN : col.values[r]!; }
      return { ...col, values };
    }
    case "float_seq":
      return col;
  }
}

/** Parse a `name:type` header cell. */
export function parseHeaderCell(cell: string, file: string, col: number): { name: string; kind: ColumnKind } {
  const i = cell.lastIndexOf(":");
  if (i <= 0) {
    throw new DataError({
      code: E.BAD_HEADER, file, line: 1,
      what: `header column ${col + 1} '${cell}' has no type`,
      hint: `write it as 'name:type' with type one of ${COLUMN_KINDS.join(", ")}`,
    });
  }
  const name = cell.slice(0, i).trim();
  const kind = cell.slice(i + 1).trim();
  if (!(COLUMN_KINDS as readonly string[]).includes(kind)) {
    throw new DataError({
      code: E.BAD_TYPE, file, line: 1,
      what: `header column ${col + 1} '${cell}' has unknown type '${kind}'`,
      hint: `use one of ${COLUMN_KINDS.join(", ")}`,
    });
  }
  return { name, kind: kind as ColumnKind };
}

export function checkDuplicateNames(names: string[], file: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new DataError({ code: E.DUP_COLUMN, file, line: 1, what: `column '${n}' appears twice in the header`, hint: "rename or remove one of them" });
    }
    seen.add(n);
  }
}

/**
 * The header line of a delimited text file: skips a BOM and a trailing '\r'; an empty file or
 * header is a DataError (line 1) with `hint`. `next` is where the first data line starts.
 */
export function readHeader(text: string, file: string, hint: string): { header: string; end: number; next: number } {
  const pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const nl = text.indexOf("\n", pos);
  const end = nl < 0 ? text.length : nl;
  let header = text.slice(pos, end);
  if (header.endsWith("\r")) header = header.slice(0, -1);
  if (header.trim() === "") {
    throw new DataError({ code: E.EMPTY_FILE, file, line: 1, what: text.length === 0 ? "the file is empty" : "the header line is empty", hint });
  }
  return { header, end, next: nl < 0 ? text.length : nl + 1 };
}
