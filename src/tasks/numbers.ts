import type { Scalar } from "../spec/types.js";

/**
 * A number as scripts should see it: the shortest form that round-trips exactly (JS's own),
 * made readable as a float by YAML 1.1 readers too (PyYAML wants a dot and a signed exponent:
 * `1e-7` is a string there, `1.0e-7` a float). Valid JSON as well.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot hand a non-finite number (${x}) to a script`);
  const s = String(x);
  const m = /^(-?\d+)(\.\d+)?e([+-]?)(\d+)$/.exec(s);
  if (!m) return s;
  return `${m[1]}${m[2] ?? ".0"}e${m[3] || "+"}${m[4]}`;
}

export function formatScalar(v: Scalar): string {
  if (v === null) return "null";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
}

/** JSON with every number in formatNumber's form (still valid JSON). */
export function paramsJson(params: Record<string, Scalar>): string {
  const parts = Object.keys(params)
    .sort()
    .map((k) => {
      const v = params[k]!;
      return `${JSON.stringify(k)}:${typeof v === "number" ? formatNumber(v) : JSON.stringify(v)}`;
    });
  return `{${parts.join(",")}}`;
}
