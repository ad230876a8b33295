import { validateSource, type ValidateOptions } from "../../src/spec/validate.js";
import type { Diagnostic } from "../../src/spec/diagnostic.js";

/** Strip the common leading indentation of a template literal (first/last blank lines dropped). */
export function y(strings: TemplateStringsArray, ...vals: unknown[]): string {
  const raw = strings.reduce((a, s, i) => a + s + (i < vals.length ? String(vals[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").replace(/\n[ ]*$/, "\n").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

export const check = (text: string, opts: ValidateOptions = {}) => validateSource(text, "p.yaml", opts);

/** `CODE@line:col` of every diagnostic. */
export const at = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code}@${d.loc ? `${d.loc.line}:${d.loc.col}` : "-"}`);

/** `CODE@line:col` of the errors only. */
export const errs = (text: string, opts: ValidateOptions = {}) => at(check(text, opts).diagnostics.filter((d) => d.severity === "error"));

/** A minimal valid pipeline head (dataset + a ctr.train teacher), for appending nodes. Lines 1-6. */
export const HEAD = "version: 1\ndataset: {format: synthetic}\nnodes:\n  teacher:\n    task: ctr.train\n    params: {depth: 2}\n";
