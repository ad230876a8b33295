/**
 * Formatting helpers shared by every reporter: durations, metric values, params,
 * and width-safe measuring/truncation/padding of strings that may hold ANSI colour codes.
 */
import type { Scalar } from "../spec/types.js";

/** "850ms", "12.3s", "1m 05s", "2h 03m". Negative or non-finite input renders as "0ms" / "?". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const totalS = Math.round(ms / 1000);
  if (totalS < 3600) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return `${m}m ${String(s).padStart(2, "0")}s`;
  }
  const totalM = Math.round(ms / 60000);
  const h = Math.floor(totalM / 60);
  const m = totalM % 60;
  return `${h}h ${String(m).padStart(2, "0")}m`;
}

/**
 * A metric value with 4 decimals (0.8123); values below 0.001 or of a million and more keep
 * 4 significant digits instead (0.0001235, 1.235e+6). null/undefined render as "-".
 */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined) return "-";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return "0.0000";
  const a = Math.abs(v);
  if (a < 0.001 || a >= 1e6) return v.toPrecision(4);
  return v.toFixed(4);
}

/** A param value as a user would type it: numbers in shortest round-trip form, strings bare unless they need quotes. */
export function formatScalar(v: Scalar, opts: { short?: boolean } = {}): string {
  if (v === null) return "null";
  if (typeof v === "string") return v === "" || /[\s"'=,]/.test(v) ? JSON.stringify(v) : v;
  // short: 4 significant digits for non-integers (tables, progress lines); exact values are in show / the lock file.
  if (opts.short && typeof v === "number" && !Number.isInteger(v)) return String(Number(v.toPrecision(4)));
  return String(v);
}

// ---- width-safe strings -------------------------------------------------------------

// CSI sequences (colours, cursor moves) and OSC sequences.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

/** Display columns of one code point: 0 for combining marks and controls, 2 for wide (CJK, emoji), else 1. */
export function charWidth(cp: number): number {
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (
    (cp >= 0x300 && cp <= 0x36f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, marks
    (cp >= 0xfe00 && cp <= 0xfe0f) // variation selectors
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Columns the string occupies on a terminal (ANSI codes excluded). */
export function visibleWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * Cut `s` to at most `width` columns, ending with `ellipsis` when cut. ANSI codes are kept
 * (they take no room) and a reset is appended after a cut inside coloured text.
 */
export function truncate(s: string, width: number, ellipsis = "…"): string {
  if (width <= 0) return "";
  if (visibleWidth(s) <= width) return s;
  const ew = visibleWidth(ellipsis);
  const room = Math.max(0, width - ew);
  let out = "";
  let w = 0;
  let sawAnsi = false;
  let i = 0;
  ANSI.lastIndex = 0;
  while (i < s.length) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(s);
    if (m && m.index === i) {
      out += m[0];
      sawAnsi = true;
      i += m[0].length;
      continue;
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const cw = charWidth(cp);
    if (w + cw > room) break;
    out += ch;
    w += cw;
    i += ch.length;
  }
  const tail = ew <= width ? ellipsis : "";
  return out + (sawAnsi ? "\x1b[0m" : "") + tail;
}

/** Pad (or cut) to exactly `width` columns. */
export function fit(s: string, width: number, align: "left" | "right" = "left", ellipsis = "…"): string {
  const t = truncate(s, width, ellipsis);
  const pad = " ".repeat(Math.max(0, width - visibleWidth(t)));
  return align === "left" ? t + pad : pad + t;
}

export function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - visibleWidth(s)));
}

export function padStart(s: string, width: number): string {
  return " ".repeat(Math.max(0, width - visibleWidth(s))) + s;
}

/**
 * Greedy word-wrap of space-separated `words` into lines of at most `width` columns.
 * A single word longer than the width is cut with the ellipsis.
 */
export function wrapWords(words: string[], width: number, sep = "  ", ellipsis = "…"): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word0 of words) {
    const word = truncate(word0, width, ellipsis);
    if (cur === "") cur = word;
    else if (visibleWidth(cur) + visibleWidth(sep) + visibleWidth(word) <= width) cur += sep + word;
    else {
      lines.push(cur);
      cur = word;
    }
  }
  if (cur !== "" || lines.length === 0) lines.push(cur);
  return lines;
}

/** First line of a (possibly multi-line) reason, and the rest. */
export function splitReason(reason: string): { head: string; rest: string[] } {
  const lines = reason.replace(/\r\n/g, "\n").split("\n");
  const head = lines[0] ?? "";
  const rest = lines.slice(1);
  while (rest.length && rest[rest.length - 1]!.trim() === "") rest.pop();
  return { head, rest };
}
