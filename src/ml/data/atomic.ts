import { DataError, E } from "./errors.js";
import { checkDuplicateNames, columnBuilder, parseHeaderCell, readHeader, type RawTable } from "./table.js";

/**
 * Parse a RecBole atomic file (.inter/.user/.item): tab-separated, first line a header of
 * `name:type` cells (token, token_seq, float, float_seq). Blank lines are skipped;
 * a trailing '\r' (CRLF files) and a leading BOM are tolerated.
 */
export function parseAtomic(text: string, file: string): RawTable {
  const len = text.length;
  const head = readHeader(text, file, "an atomic file starts with a header such as 'user_id:token\\titem_id:token\\trating:float'");
  const header = head.header;
  let end = head.end;
  let nl: number;
  const cells = header.split("\t");
  const heads = cells.map((c, i) => parseHeaderCell(c, file, i));
  checkDuplicateNames(heads.map((h) => h.name), file);
  const ncol = heads.length;

  let capacity = 0;
  for (let p = end; p >= 0 && p < len; p = text.indexOf("\n", p + 1)) capacity++;
  const builders = heads.map((h) => columnBuilder(h.kind, h.name, file, capacity));
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
      let p = pos;
      for (let c = 0; c < ncol; c++) {
        let q = text.indexOf("\t", p);
        const last = c === ncol - 1;
        if (q < 0 || q > lineEnd) {
          if (!last) throw columnCount(file, lineNo, ncol, c + 1);
          q = lineEnd;
        } else if (last) {
          throw columnCount(file, lineNo, ncol, countTabs(text, pos, lineEnd) + 1);
        }
        builders[c]!.push(text.slice(p, q), lineNo);
        p = q + 1;
      }
      if (n === lines.length) { const l2 = new Int32Array(n * 2); l2.set(lines); lines = l2; }
      lines[n++] = lineNo;
    }
    pos = nl < 0 ? len : nl + 1;
  }
  return { file, n, columns: builders.map((b) => b.finish()), lines: lines.slice(0, n) };
}

function countTabs(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 9) k++;
  return k;
}

function columnCount(file: string, line: number, expected: number, found: number): DataError {
  return new DataError({
    code: E.COLUMN_COUNT, file, line,
    what: `expected ${expected} tab-separated columns (as in the header), found ${found}`,
    hint: "atomic files separate columns with one tab; an empty value is allowed but its tab is not optional",
  });
}
