import type { Diagnostic } from "./diagnostic.js";
import type { LocMap, Path } from "./locs.js";

/** `.inf`, `-.inf`, `.nan`: how YAML writes a non-finite number. */
export function yamlNumber(v: number): string {
  if (Number.isNaN(v)) return ".nan";
  if (v === Infinity) return ".inf";
  if (v === -Infinity) return "-.inf";
  return String(v);
}

const dotted = (path: Path) => path.map(String).join(".");

/**
 * Checks on every value of the document, wherever it is: non-finite numbers
 * (params, space values and bounds, dataset options, seed, timeout, retries...).
 */
export function scanValues(value: unknown, locs: LocMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 64) return;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        out.push({
          severity: "error",
          code: "E_NONFINITE",
          message: `${path.length ? `"${dotted(path)}"` : "value"} is ${yamlNumber(v)}: trial keys and scripts need finite numbers`,
          loc: locs.value(path),
          hint: Number.isNaN(v) ? "write a number" : "write a finite number (a large bound such as 1.0e9 instead of .inf)",
        });
      }
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], depth + 1));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
  };
  walk(value, [], 0);
  return out;
}

/** Drop other diagnostics at the position of one of `codes` (they are the root cause there). */
export function supersede(ds: Diagnostic[], codes: readonly string[]): Diagnostic[] {
  const key = (d: Diagnostic) => (d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.col}` : undefined);
  const owned = new Map<string, string>();
  for (const d of ds) {
    const k = key(d);
    if (k && codes.includes(d.code) && !owned.has(k)) owned.set(k, d.code);
  }
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = key(d);
    if (!k || !owned.has(k)) return true;
    if (d.code !== owned.get(k)) return false;
    const id = `${k}|${d.code}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
