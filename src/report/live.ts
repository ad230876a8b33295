/**
 * The live progress area for a terminal: one line per node, redrawn in place.
 *
 * Each frame is written with ONE write call: cursor up over the previous frame, every line
 * followed by clear-to-end-of-line, then clear-below. Nothing is erased before the new text is
 * there, so there is no flicker. Lines are cut to the terminal width minus one, so no line
 * wraps and the cursor-up count stays exact; log lines (failures, warnings) are written in the
 * same write as the frame that follows them, above it.
 */
import { formatDuration, formatMetric, truncate, visibleWidth, padEnd, padStart } from "./format.js";
import { doneCount, etaMs, type NodeProgress, type RunProgress } from "./state.js";
import type { Style } from "./style.js";

export const CSI = "\x1b[";
export const HIDE_CURSOR = `${CSI}?25l`;
export const SHOW_CURSOR = `${CSI}?25h`;
const CLEAR_LINE_END = `${CSI}K`;
const CLEAR_BELOW = `${CSI}J`;

export const BAR_WIDTH = 16;
export const NARROW_BAR_WIDTH = 8;

function bar(n: NodeProgress, s: Style, width: number): string {
  const total = Math.max(1, n.total);
  const ok = Math.min(width, Math.round((width * (n.succeeded + n.cached)) / total));
  const bad = Math.min(width - ok, Math.round((width * (n.failed + n.interrupted)) / total));
  const rest = width - ok - bad;
  return (
    "[" +
    s.ok(s.g.barFull.repeat(ok)) +
    s.bad(s.g.barFull.repeat(bad)) +
    s.dim(s.g.barEmpty.repeat(rest)) +
    "]"
  );
}

function counts(n: NodeProgress, s: Style): string {
  const parts: string[] = [];
  if (n.running.size) parts.push(s.accent(`${n.running.size} running`));
  if (n.failed) parts.push(s.bad(`${n.failed} failed`));
  if (n.retried) parts.push(s.warn(`${n.retried} retried`));
  if (n.cached) parts.push(s.cached(`${n.cached} cached`));
  if (n.interrupted) parts.push(s.warn(`${n.interrupted} interrupted`));
  return parts.join(` ${s.g.dot} `);
}

function epochs(n: NodeProgress): string {
  const rs = [...n.running.values()].filter((r) => r.epoch !== undefined).sort((a, b) => a.index - b.index);
  if (!rs.length) return "";
  const shown = rs.slice(0, 3).map((r) => `${r.epoch}/${r.epochs}`);
  const more = rs.length > 3 ? ` +${rs.length - 3}` : "";
  return `epoch ${shown.join(", ")}${more}`;
}

/** A piece of a node line; when the line is too wide, the lowest `prio` pieces go first. */
interface Seg {
  text: string;
  prio: number;
}

/** Join the pieces, dropping the least important ones until the line fits `width` columns. */
export function fitSegments(head: string, segs: Seg[], width: number, sep = "  "): { line: string; dropped: number } {
  const keep = segs.map(() => true);
  const len = () => visibleWidth(head) + segs.reduce((a, x, i) => (keep[i] ? a + sep.length + visibleWidth(x.text) : a), 0);
  while (len() > width) {
    let k = -1;
    for (let i = 0; i < segs.length; i++) if (keep[i] && (k < 0 || segs[i]!.prio < segs[k]!.prio)) k = i;
    if (k < 0 || segs[k]!.prio >= 9) break; // never drop the essentials; truncation handles the rest
    keep[k] = false;
  }
  return { line: head + segs.filter((_, i) => keep[i]).map((x) => sep + x.text).join(""), dropped: keep.filter((k) => !k).length };
}

/** One node's line, fitted to `width` columns by dropping its least important pieces. */
/** One node's line at a bar width, fitted to `width` columns by dropping its least important pieces. */
export function nodeLine(n: NodeProgress, st: RunProgress, s: Style, nameW: number, now: number, width = Infinity, barW = BAR_WIDTH): string {
  return nodeLineAt(n, st, s, nameW, now, width, barW, 0).line;
}

function nodeLineAt(n: NodeProgress, st: RunProgress, s: Style, nameW: number, now: number, width: number, barW: number, countW = 0): { line: string; dropped: number } {
  const name = s.bold(padEnd(n.name, nameW));
  if (n.phase === "waiting") {
    const what = n.inputs.length ? `waiting for ${n.inputs.join(", ")}` : "waiting";
    return { line: `${name}  ${s.dim(what)}`, dropped: 0 };
  }
  if (n.phase === "skipped") return { line: `${name}  ${s.dim("skipped")}`, dropped: 0 };
  if (n.phase === "blocked") {
    return { line: `${name}  ${s.warn("blocked")}${n.reason ? s.dim(` (${n.reason})`) : ""}`, dropped: 0 };
  }
  const segs: Seg[] = [
    { text: bar(n, s, barW), prio: 4 },
    { text: `${padStart(`${doneCount(n)}/${n.total}`, countW)}`, prio: 9 },
  ];
  const c = counts(n, s);
  if (c) segs.push({ text: c, prio: 6 });
  if (n.best) {
    segs.push({ text: `best ${n.metric ?? "value"}=${s.bold(formatMetric(n.best.value))}`, prio: 8 });
    segs.push({ text: s.dim(`(#${n.best.index})`), prio: 1 });
  }
  const t0 = n.startedAt ?? now;
  const t1 = n.endedAt ?? now;
  segs.push({ text: s.dim(formatDuration(t1 - t0)), prio: 3 });
  if (n.phase === "running") {
    const eta = etaMs(n, st.concurrency, now);
    segs.push({ text: s.dim(`eta ${eta === null ? "?" : formatDuration(eta)}`), prio: 7 });
    const ep = epochs(n);
    if (ep) segs.push({ text: s.accent(ep), prio: 5 });
  } else if (n.phase === "succeeded") {
    segs.push({ text: s.ok("done"), prio: 9 });
  } else if (n.phase === "failed") {
    segs.push({ text: s.bad(`failed${n.reason ? ": " + n.reason.split("\n")[0] : ""}`), prio: 9 });
  }
  return fitSegments(name, segs, width);
}

export function frameLines(st: RunProgress, s: Style, now: number, maxLines?: number, width = Infinity): string[] {
  const nodes = [...st.nodes.values()];
  const nameW = Math.min(24, Math.max(4, ...nodes.map((n) => visibleWidth(n.name))));
  const elapsed = st.startedAt !== undefined ? formatDuration((st.ended ? st.startedAt + st.ended.durationMs : now) - st.startedAt) : "";
  const done = nodes.reduce((a, n) => a + doneCount(n), 0);
  const total = nodes.reduce((a, n) => a + n.total, 0);
  const d = ` ${s.g.dot} `;
  const head = s.dim(`dagtune run${st.runId !== undefined ? " " + st.runId : ""}${d}${done}/${total} trials${d}${elapsed}${d}concurrency ${st.concurrency}`);
  // "done/total" right-aligned to the widest total, so the columns after it line up.
  const countW = Math.max(...nodes.map((n) => 2 * String(n.total).length + 1));
  let fitted = nodes.map((n) => nodeLineAt(n, st, s, nameW, now, width, BAR_WIDTH, countW));
  // Too narrow: shorter bars (the same on every line) before dropping anything else.
  if (fitted.some((f) => f.dropped > 0)) fitted = nodes.map((n) => nodeLineAt(n, st, s, nameW, now, width, NARROW_BAR_WIDTH, countW));
  let lines = fitted.map((f) => f.line);
  if (maxLines !== undefined && lines.length + 1 > maxLines) {
    const keep = Math.max(0, maxLines - 2);
    const hidden = lines.length - keep;
    // Show running nodes first when the terminal is too short for all of them.
    const order = nodes.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i);
    const kept = new Set(order.slice(0, keep).map((x) => x.i));
    lines = lines.filter((_, i) => kept.has(i));
    lines.push(s.dim(`${s.g.ellipsis} ${hidden} more node${hidden === 1 ? "" : "s"}`));
  }
  return [head, ...lines];
}

function rank(n: NodeProgress): number {
  return n.phase === "running" ? 0 : n.phase === "failed" ? 1 : n.phase === "waiting" ? 2 : 3;
}

export interface LiveTarget {
  write(s: string): unknown;
  columns?: number;
  rows?: number;
}

/** Owns the bottom of the terminal: redraws the frame in place and prints log lines above it. */
export class LiveArea {
  private prevWidths: number[] = [];
  private started = false;

  constructor(
    private readonly out: LiveTarget,
    private readonly style: Style,
    private readonly cols: () => number,
    private readonly rows: () => number | undefined,
  ) {}

  /** Rows the previous frame occupies now (more than its line count if the terminal got narrower). */
  private prevRows(): number {
    const cols = Math.max(1, this.cols());
    return this.prevWidths.reduce((a, w) => a + Math.max(1, Math.ceil(w / cols)), 0);
  }

  /** Write `above` (log lines) and then `frame` in one write. */
  draw(frame: string[], above: string[] = []): void {
    const cols = Math.max(10, this.cols());
    const up = this.prevRows();
    let buf = "";
    if (!this.started) {
      buf += HIDE_CURSOR;
      this.started = true;
    }
    if (up > 0) buf += `${CSI}${up}A\r`;
    if (above.length) {
      // Log lines may be longer than the terminal: they wrap and scroll away, which is fine.
      buf += CLEAR_BELOW + above.map((l) => l + CLEAR_LINE_END).join("\n") + "\n";
    }
    const cut = frame.map((l) => truncate(l, cols - 1, this.style.g.ellipsis));
    buf += cut.map((l) => l + CLEAR_LINE_END).join("\n") + "\n" + CLEAR_BELOW;
    this.prevWidths = cut.map((l) => visibleWidth(l));
    this.out.write(buf);
  }

  /** Leave the last frame on screen and give the cursor back. */
  finish(): void {
    if (this.started) this.out.write(SHOW_CURSOR);
    this.started = false;
    this.prevWidths = [];
  }

  /** Columns a frame line may use (one less than the terminal, so nothing wraps). */
  lineWidth(): number {
    return Math.max(10, this.cols()) - 1;
  }

  maxLines(): number | undefined {
    const r = this.rows();
    return r === undefined ? undefined : Math.max(3, r - 1);
  }
}
