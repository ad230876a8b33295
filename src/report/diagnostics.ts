import { Chalk, type ChalkInstance } from "chalk";
import type { Diagnostic, Loc } from "../spec/diagnostic.js";

export interface RenderDiagnosticsOptions {
  /** Colour with chalk (default false). Use `useColor(process.stderr)` to decide. */
  color?: boolean;
  /** file (as in Loc.file) -> its text, to print the source line under each diagnostic. */
  sources?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

/** Colour on a TTY unless NO_COLOR is set (any value); FORCE_COLOR forces it. */
export function useColor(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return stream.isTTY === true;
}

function sourceOf(opts: RenderDiagnosticsOptions, file: string): string | undefined {
  const s = opts.sources;
  if (!s) return undefined;
  if (s instanceof Map) return s.get(file);
  return Object.prototype.hasOwnProperty.call(s, file) ? (s as Record<string, string>)[file] : undefined;
}

const locText = (l: Loc) => `${l.file}:${l.line}:${l.col}`;

/** The source line and a caret under the column (^~~~ when the span length is known). */
function snippet(text: string, loc: Loc, c: ChalkInstance, colorFn: (s: string) => string): string[] {
  const lines = text.split(/\r?\n/);
  const line = lines[loc.line - 1];
  if (line === undefined) return [];
  const num = String(loc.line);
  const gutter = " ".repeat(num.length);
  const pad = [...line.slice(0, Math.max(0, loc.col - 1))].map((ch) => (ch === "\t" ? "\t" : " ")).join("");
  const len = Math.max(1, Math.min(loc.len ?? 1, line.length - (loc.col - 1)));
  const shown = line.length > 200 ? line.slice(0, 200) + "…" : line;
  return [`${c.dim(` ${num} |`)} ${shown}`, `${c.dim(` ${gutter} |`)} ${pad}${colorFn("^" + "~".repeat(len - 1))}`];
}

/**
 * `file:line:col: error CODE: message`, the source line with a caret, `hint: ...`,
 * and related locations.
 */
export function renderDiagnostic(d: Diagnostic, opts: RenderDiagnosticsOptions = {}): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const sev = d.severity === "error" ? c.red.bold("error") : c.yellow.bold("warning");
  const colorFn = d.severity === "error" ? c.red : c.yellow;
  const head = `${d.loc ? c.bold(locText(d.loc)) : c.bold("dagtune")}: ${sev} ${c.bold(d.code)}: ${d.message}`;
  const out = [head];
  if (d.loc) {
    const src = sourceOf(opts, d.loc.file);
    if (src !== undefined) out.push(...snippet(src, d.loc, c, colorFn));
  }
  if (d.hint) out.push(`  ${c.cyan("hint:")} ${d.hint}`);
  for (const r of d.related ?? []) {
    out.push(`  ${c.dim("note:")} ${locText(r.loc)}: ${r.message}`);
    const src = sourceOf(opts, r.loc.file);
    if (src !== undefined) out.push(...snippet(src, r.loc, c, c.blue).map((l) => "  " + l));
  }
  return out.join("\n");
}

/** `2 errors, 1 warning` */
export function summary(ds: readonly Diagnostic[]): string {
  const e = ds.filter((d) => d.severity === "error").length;
  const w = ds.length - e;
  return `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}`;
}

/** Every diagnostic (blank line between), then a summary line. */
export function renderDiagnostics(ds: readonly Diagnostic[], opts: RenderDiagnosticsOptions = {}): string {
  if (ds.length === 0) return "";
  return ds.map((d) => renderDiagnostic(d, opts)).join("\n\n") + "\n\n" + summary(ds) + "\n";
}
