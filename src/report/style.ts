/**
 * Colour and glyph choice. Colour follows NO_COLOR / FORCE_COLOR / the stream being a terminal;
 * with colour off the output holds no escape codes at all and uses ASCII glyphs only.
 */
import { Chalk, type ChalkInstance } from "chalk";

export type ReportMode = "tty" | "plain" | "json";

type Env = Record<string, string | undefined>;

interface MaybeTty {
  isTTY?: boolean;
}

function truthyEnv(v: string | undefined): boolean {
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/** True when running under CI (the `CI` variable set to anything but "", "0" or "false"). */
export function isCI(env: Env = process.env): boolean {
  return truthyEnv(env.CI);
}

/**
 * Whether to colour output written to `stream`:
 * NO_COLOR (non-empty) wins → off; then FORCE_COLOR ("0"/"false" → off, anything else → on);
 * otherwise on only for a terminal whose TERM is not "dumb".
 */
export function detectColor(stream: MaybeTty, env: Env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) {
    const f = env.FORCE_COLOR.toLowerCase();
    return !(f === "0" || f === "false");
  }
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Alias of detectColor (the CLI's name for it). */
export const useColor = detectColor;

/** "json" with --json; "tty" for an interactive terminal (not TERM=dumb, not CI); else "plain". */
export function chooseMode(stream: MaybeTty, flags: { json?: boolean } = {}, env: Env = process.env): ReportMode {
  if (flags.json) return "json";
  if (stream.isTTY === true && env.TERM !== "dumb" && !isCI(env)) return "tty";
  return "plain";
}

/** Glyphs: Unicode with colour on, ASCII with colour off (so logs stay 7-bit and grep-able). */
export interface Glyphs {
  /** Marks a carried param: `embedding_size=16 ⟵teacher` / `embedding_size=16 <-teacher`. */
  carried: string;
  ellipsis: string;
  barFull: string;
  barEmpty: string;
  dot: string;
}

export const UNICODE_GLYPHS: Glyphs = { carried: "⟵", ellipsis: "…", barFull: "█", barEmpty: "░", dot: "·" };
export const ASCII_GLYPHS: Glyphs = { carried: "<-", ellipsis: "...", barFull: "#", barEmpty: "-", dot: "|" };

export interface Style {
  color: boolean;
  c: ChalkInstance;
  g: Glyphs;
  ok(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  accent(s: string): string;
  cached(s: string): string;
}

export function makeStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    color,
    c,
    g: color ? UNICODE_GLYPHS : ASCII_GLYPHS,
    ok: (s) => c.green(s),
    bad: (s) => c.red(s),
    warn: (s) => c.yellow(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
    accent: (s) => c.cyan(s),
    cached: (s) => c.blue(s),
  };
}

/** Marker for a carried param, e.g. `⟵teacher` or `<-teacher`. */
export function carriedMark(style: Style, origin: string): string {
  return style.accent(`${style.g.carried}${origin}`);
}
