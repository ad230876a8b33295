import { isMap, isScalar, parse as parseYaml } from "yaml";
import type { Document } from "yaml";
import type { Diagnostic } from "./diagnostic.js";

/** One `--set key=value` override: a dotted path and a YAML scalar (or flow) value. */
export interface Override {
  path: string[];
  value: unknown;
  /** The original `key=value` text (for messages). */
  text: string;
  /** Set by applyOverrides: the path of the first mapping entry it created (absent: it replaced a value). */
  created?: string[];
}

/**
 * Parse `key=value` strings. The key is a dotted path (`nodes.teacher.params.epochs`);
 * the value is read as YAML (`2` is a number, `true` a boolean, `[1, 2]` a list,
 * `'2'` a string).
 */
export function parseOverrides(sets: readonly string[]): { overrides: Override[]; diagnostics: Diagnostic[] } {
  const overrides: Override[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const text of sets) {
    const eq = text.indexOf("=");
    const key = eq < 0 ? "" : text.slice(0, eq).trim();
    const path = key.split(".");
    if (eq < 0 || key === "" || path.some((p) => p === "")) {
      diagnostics.push({ severity: "error", code: "E_BAD_SET", message: `--set ${JSON.stringify(text)}: expected key=value with a dotted key`, hint: "e.g. --set dataset.path=data/ml-100k or --set nodes.teacher.params.epochs=2" });
      continue;
    }
    let value: unknown;
    try {
      value = parseYaml(text.slice(eq + 1));
    } catch (e) {
      diagnostics.push({ severity: "error", code: "E_BAD_SET", message: `--set ${key}: the value is not valid YAML (${(e as Error).message.split("\n")[0]})`, hint: "quote it: --set 'key=\"value\"'" });
      continue;
    }
    const literal = text.slice(eq + 1).trim();
    if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value) && /^[-+]?[0-9]+$/.test(literal)) {
      diagnostics.push({
        severity: "error",
        code: "E_UNSAFE_INTEGER",
        message: `--set ${text}: integer ${literal} is beyond the largest exact integer (${Number.MAX_SAFE_INTEGER}): it would be rounded to ${String(value)}`,
        hint: `integers are exact up to ${Number.MAX_SAFE_INTEGER} (2^53-1)`,
      });
      continue;
    }
    overrides.push({ path, value, text });
  }
  return { overrides, diagnostics };
}

/**
 * Apply overrides to the parsed document in place, before validation, so untouched
 * nodes keep their source positions. Intermediate mappings are created as needed.
 */
export function applyOverrides(doc: Document, overrides: readonly Override[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const o of overrides) {
    // Refuse to descend through a scalar or a list.
    let blocked: string | undefined;
    for (let i = 1; i < o.path.length; i++) {
      const n = doc.getIn(o.path.slice(0, i), true);
      if (n === undefined || (isScalar(n) && n.value === null)) break;
      if (!isMap(n)) {
        blocked = o.path.slice(0, i).join(".");
        break;
      }
    }
    if (blocked) {
      diagnostics.push({ severity: "error", code: "E_BAD_SET", message: `--set ${o.path.join(".")}: "${blocked}" is not a mapping`, hint: `set "${blocked}" itself, e.g. --set ${blocked}=...` });
      continue;
    }
    try {
      delete o.created;
      for (let i = 1; i <= o.path.length; i++) {
        const n = doc.getIn(o.path.slice(0, i), true);
        if (n === undefined && !o.created) o.created = o.path.slice(0, i);
        if (i < o.path.length && (n === undefined || (isScalar(n) && n.value === null))) doc.setIn(o.path.slice(0, i), doc.createNode({}));
      }
      doc.setIn(o.path, doc.createNode(o.value));
    } catch (e) {
      diagnostics.push({ severity: "error", code: "E_BAD_SET", message: `--set ${o.path.join(".")}: ${(e as Error).message}` });
    }
  }
  return diagnostics;
}
