/**
 * A small aligned-column table, width-aware: one column may be "wrap" — its cell is a list
 * of words laid out over as many lines as the width leaves room for. Other columns are cut
 * with an ellipsis only if even the minimum wrap width does not fit.
 */
import { fit, padEnd, padStart, visibleWidth, wrapWords } from "./format.js";

export interface Column {
  header: string;
  align?: "left" | "right";
  /** The cells of this column are word lists to wrap into the space left over. */
  wrap?: boolean;
}

export type Cell = string | string[];

export interface TableOptions {
  width: number;
  indent?: string;
  gap?: number;
  ellipsis?: string;
  /** Style for the header row (e.g. bold/dim). */
  header?: (s: string) => string;
}

const MIN_WRAP = 16;

export function renderTable(cols: Column[], rows: Cell[][], o: TableOptions): string[] {
  const gap = " ".repeat(o.gap ?? 2);
  const indent = o.indent ?? "";
  const ell = o.ellipsis ?? "…";
  const cellWidth = (c: Cell): number => (Array.isArray(c) ? c.reduce((a, w, i) => a + visibleWidth(w) + (i ? 2 : 0), 0) : visibleWidth(c));
  const widths = cols.map((col, i) => Math.max(visibleWidth(col.header), ...rows.map((r) => cellWidth(r[i] ?? ""))));
  const wrapIdx = cols.findIndex((c) => c.wrap);
  const avail = o.width - visibleWidth(indent) - gap.length * (cols.length - 1);
  const fixed = widths.reduce((a, w, i) => (i === wrapIdx ? a : a + w), 0);
  if (wrapIdx >= 0) {
    const room = avail - fixed;
    widths[wrapIdx] = Math.max(Math.min(widths[wrapIdx]!, Math.max(room, MIN_WRAP)), Math.min(MIN_WRAP, widths[wrapIdx]!));
  }
  // Still too wide: shrink the widest non-wrap columns (never below their header or 6 columns).
  let over = widths.reduce((a, w) => a + w, 0) - avail;
  while (over > 0) {
    let k = -1;
    for (let i = 0; i < widths.length; i++) {
      if (i === wrapIdx) continue;
      if (widths[i]! > Math.max(6, Math.min(visibleWidth(cols[i]!.header), 10)) && (k < 0 || widths[i]! > widths[k]!)) k = i;
    }
    if (k < 0) break;
    widths[k]!--;
    over--;
  }

  const lineOf = (cells: string[]): string => {
    const parts = cells.map((c, i) => {
      const w = widths[i]!;
      const last = i === cells.length - 1;
      if (cols[i]!.align === "right") return padStart(fit(c, w, "left", ell).trimEnd(), w);
      return last ? fit(c, w, "left", ell).trimEnd() : fit(c, w, "left", ell);
    });
    return (indent + parts.join(gap)).trimEnd();
  };

  const out: string[] = [];
  const hdr = lineOf(cols.map((c) => c.header));
  out.push(o.header ? o.header(hdr) : hdr);
  for (const r of rows) {
    const wrapped = wrapIdx >= 0 ? toWords(r[wrapIdx]) : [];
    const wl = wrapIdx >= 0 ? wrapWords(wrapped, widths[wrapIdx]!, "  ", ell) : [""];
    for (let li = 0; li < wl.length; li++) {
      const cells = cols.map((_, i) => {
        if (i === wrapIdx) return wl[li]!;
        if (li > 0) return "";
        const c = r[i] ?? "";
        return Array.isArray(c) ? c.join("  ") : c;
      });
      out.push(lineOf(cells));
    }
  }
  return out;
}

function toWords(c: Cell | undefined): string[] {
  if (c === undefined) return [];
  return Array.isArray(c) ? c : c === "" ? [] : [c];
}

/** "key  value" lines with the keys padded to one width. */
export function keyValues(pairs: [string, string][], indent = "  "): string[] {
  const w = Math.max(0, ...pairs.map(([k]) => visibleWidth(k)));
  return pairs.map(([k, v]) => `${indent}${padEnd(k, w)}  ${v}`.trimEnd());
}
