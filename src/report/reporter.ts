/**
 * Reporters turn engine events into console output:
 * - tty:   a live progress area (one line per node) redrawn at most ~10 times a second, with
 *          failures, warnings and node ends printed above it;
 * - plain: one stable, grep-able line per event (CI, pipes);
 * - json:  one JSON object per event per line (the event plus `time`), nothing else.
 */
import type { EngineEvent } from "../engine/events.js";
import { eventLines } from "./lines.js";
import { frameLines, LiveArea, SHOW_CURSOR } from "./live.js";
import { applyEvent, newRunProgress, type RunProgress } from "./state.js";
import { makeStyle, type ReportMode, type Style } from "./style.js";

export interface Reporter {
  event(e: EngineEvent): void;
  /** Flush: draws the final frame (tty), stops timers, restores the cursor. Idempotent. */
  close(): void;
}

export interface ReporterOptions {
  mode: ReportMode;
  color: boolean;
  stream: NodeJS.WritableStream;
  verbose: boolean;
  /** Clock in ms (tests inject one). Default Date.now. */
  now?: () => number;
  /** tty: minimum ms between redraws. Default 100 (≤ 10 redraws/s). */
  minRedrawMs?: number;
  /** tty: how often elapsed/ETA tick without events. Default 1000. */
  tickMs?: number;
}

type TtyStream = NodeJS.WritableStream & { columns?: number; rows?: number; on?: (ev: string, f: () => void) => unknown; off?: (ev: string, f: () => void) => unknown };

export function createReporter(opts: ReporterOptions): Reporter {
  const now = opts.now ?? Date.now;
  if (opts.mode === "json") return new JsonReporter(opts.stream, now);
  const style = makeStyle(opts.color);
  if (opts.mode === "plain") return new PlainReporter(opts.stream, style, opts.verbose, now);
  return new TtyReporter(opts.stream as TtyStream, style, opts.verbose, now, opts.minRedrawMs ?? 100, opts.tickMs ?? 1000);
}

class JsonReporter implements Reporter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly now: () => number,
  ) {}
  event(e: EngineEvent): void {
    this.out.write(JSON.stringify({ ...e, time: new Date(this.now()).toISOString() }) + "\n");
  }
  close(): void {}
}

class PlainReporter implements Reporter {
  private readonly st: RunProgress = newRunProgress();
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly style: Style,
    private readonly verbose: boolean,
    private readonly now: () => number,
  ) {}
  event(e: EngineEvent): void {
    applyEvent(this.st, e, this.now());
    const lines = eventLines(e, this.st, this.style, this.verbose);
    if (lines.length) this.out.write(lines.join("\n") + "\n");
  }
  close(): void {}
}

/** Events whose plain lines also go above the live area. */
function logsAbove(e: EngineEvent): boolean {
  switch (e.type) {
    case "run-start":
    case "node-end":
    case "warning":
      return true;
    case "trial-end":
      return e.outcome === "failed" || e.outcome === "interrupted";
    default:
      return false;
  }
}

class TtyReporter implements Reporter {
  private readonly st: RunProgress = newRunProgress();
  private readonly area: LiveArea;
  private pending: string[] = [];
  private lastDraw = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly onExit = () => {
    // The process is exiting without close(): at least give the cursor back.
    this.out.write(SHOW_CURSOR);
  };
  private readonly onResize = () => this.draw();

  constructor(
    private readonly out: TtyStream,
    private readonly style: Style,
    private readonly verbose: boolean,
    private readonly now: () => number,
    private readonly minRedrawMs: number,
    private readonly tickMs: number,
  ) {
    this.area = new LiveArea(
      out,
      style,
      () => out.columns ?? 80,
      () => out.rows,
    );
  }

  event(e: EngineEvent): void {
    if (this.closed) return;
    applyEvent(this.st, e, this.now());
    if (e.type === "run-start") this.startTimers();
    if (logsAbove(e)) this.pending.push(...eventLines(e, this.st, this.style, this.verbose));
    // Leading-edge throttle: draw now if the last frame is old enough, else once the window ends.
    if (e.type === "run-start" || this.now() - this.lastDraw >= this.minRedrawMs) this.draw();
    else this.schedule();
  }

  private startTimers(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.draw(), this.tickMs);
    this.ticker.unref();
    process.once("exit", this.onExit);
    this.out.on?.("resize", this.onResize);
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastDraw + this.minRedrawMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draw();
    }, wait);
    this.timer.unref();
  }

  private draw(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const t = this.now();
    this.lastDraw = t;
    const above = this.pending;
    this.pending = [];
    this.area.draw(frameLines(this.st, this.style, t, this.area.maxLines(), this.area.lineWidth()), above);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.st.nodes.size || this.pending.length) this.draw();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.area.finish();
    process.off("exit", this.onExit);
    this.out.off?.("resize", this.onResize);
  }
}
