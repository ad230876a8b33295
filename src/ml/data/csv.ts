import { DataError, E } from "./errors.js";
import { checkDuplicateNames, columnBuilder, COLUMN_KINDS, parseHeaderCell, readHeader, type ColumnKind, type RawTable } from "./table.js";

export interface CsvOptions {
  /** Column separator, default ",". "tab" or "\t" for TSV. */
  separator: string;
  /** Column name -> kind, overriding the header (columns default to token). */
  types: Record<string, ColumnKind>;
  /** Separator of tokens inside a token_seq value, default " ". */
  seqSeparator: string;
}

/**
 * Parse a CSV file with a header. Header cells are `name` (a token column unless
 * `types` says otherwise) or `name:type` as in RecBole atomic files. Fields may be
 * double-quoted (RFC 4180: "" is a quote); a quoted field cannot span lines.
 */
export function parseCsv(text: string, file: string, opts: CsvOptions): RawTable {
  const sep = opts.separator;
  const len = text.length;
  const head = readHeader(text, file, `a CSV dataset starts with a header line of column names separated by '${printable(sep)}'`);
  const header = head.header;
  let end = head.end;
  let nl: number;
  const cells = splitLine(header, sep, file, 1);
  const heads = cells.map((c, i) => {
    const cell = c.trim();
    if (cell.includes(":")) return parseHeaderCell(cell, file, i);
    return { name: cell, kind: "token" as ColumnKind };
  });
  for (const [name, kind] of Object.entries(opts.types)) {
    const h = heads.find((x) => x.name === name);
    if (!h) {
      throw new DataError({ code: E.MISSING_COLUMN, file, line: 1, what: `options.types names column '${name}', which is not in the header`, hint: `columns: ${heads.map((x) => x.name).join(", ")}` });
    }
    if (!(COLUMN_KINDS as readonly string[]).includes(kind)) {
      throw new DataError({ code: E.BAD_TYPE, file, what: `options.types.${name} is '${String(kind)}'`, hint: `use one of ${COLUMN_KINDS.join(", ")}` });
    }
    h.kind = kind;
  }
  checkDuplicateNames(heads.map((h) => h.name), file);
  const ncol = heads.length;
  let capacity = 0;
  for (let p = end; p >= 0 && p < len; p = text.indexOf("\n", p + 1)) capacity++;
  const builders = heads.map((h) => columnBuilder(h.kind, h.name, file, capacity, opts.seqSeparator));
  let lines = new Int32Array(Math.max(16, capacity));
  let n = 0;
  let lineNo = 1;
  let pos = head.next;
  while (pos < len) {
    lineNo++;
    nl = text.indexOf("\n", pos);
    end = nl < 0 ? len : nl;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (lineEnd > pos) {
      const line = text.slice(pos, lineEnd);
      const vals = splitLine(line, sep, file, lineNo);
      if (vals.length !== ncol) {
        throw new DataError({
          code: E.COLUMN_COUNT, file, line: lineNo,
          what: `expected ${ncol} columns (as in the header), found ${vals.length}`,
          hint: `columns are separated by '${printable(sep)}'; quote values that contain it`,
        });
      }
      for (let c = 0; c < ncol; c++) builders[c]!.push(vals[c]!, lineNo);
      if (n === lines.length) { const l2 = new Int32Array(n * 2); l2.set(lines); lines = l2; }
      lines[n++] = lineNo;
    }
    pos = nl < 0 ? len : nl + 1;
  }
  return { file, n, columns: builders.map((b) => b.finish()), lines: lines.slice(0, n) };
}

function printable(sep: string): string {
  return sep === "\t" ? "\\t" : sep;
}

/** Split one line on `sep`, honouring double quotes. */
export function splitLine(line: string, sep: string, file: string, lineNo: number): string[] {
  if (!line.includes('"')) return line.split(sep);
  const out: string[] = [];
  let i = 0;
  const L = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let v = "";
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          throw new DataError({ code: E.BAD_QUOTE, file, line: lineNo, what: `unterminated quoted value starting at column ${i + 1}`, hint: 'close the quote; write "" for a quote inside a quoted value' });
        }
        v += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) { v += '"'; j = q + 2; continue; }
        i = q + 1;
        break;
      }
      out.push(v);
      if (i >= L) return out;
      if (!line.startsWith(sep, i)) {
        throw new DataError({ code: E.BAD_QUOTE, file, line: lineNo, what: `unexpected text after a closing quote at column ${i + 1}`, hint: 'a quoted value must be followed by the separator or the end of the line' });
      }
      i += sep.length;
      if (i === L) { out.push(""); return out; }
    } else {
      const q = line.indexOf(sep, i);
      if (q < 0) { out.push(line.slice(i)); return out; }
      out.push(line.slice(i, q));
      i = q + sep.length;
      if (i === L) { out.push(""); return out; }
    }
  }
}
