import type { ParamDecl } from "../tasks/types.js";
import { didYouMean } from "./suggest.js";

export interface ValueProblem {
  code: string;
  message: string;
  hint?: string;
}

const YAML11_BOOLS = new Set(["y", "yes", "n", "no", "on", "off", "true", "false"]);

function got(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  return `${typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v} ${String(v)}`;
}

const yaml11 = (v: unknown): string | undefined =>
  typeof v === "string" && YAML11_BOOLS.has(v.toLowerCase()) ? `in YAML 1.2 "${v}" is a string, not a boolean or number` : undefined;

const isNumericString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v));

/** Check one value against a task's param declaration. `name` is only used in messages. */
export function checkParamValue(decl: ParamDecl, value: unknown, name: string): ValueProblem | undefined {
  const bad = (message: string, hint?: string): ValueProblem => ({ code: "E_PARAM_TYPE", message, ...(hint ? { hint } : {}) });
  switch (decl.type) {
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) break;
      if (isNumericString(value)) return bad(`param "${name}": expected number, got ${got(value)}`, `remove the quotes: ${value}`);
      return bad(`param "${name}": expected number, got ${got(value)}`, yaml11(value));
    case "integer":
      if (typeof value === "number" && Number.isSafeInteger(value)) break;
      if (typeof value === "number" && Number.isInteger(value))
        return {
          code: "E_UNSAFE_INTEGER",
          message: `param "${name}": ${value} is beyond the largest exact integer (${Number.MAX_SAFE_INTEGER}): it would be rounded`,
          hint: `integers are exact up to ${Number.MAX_SAFE_INTEGER} (2^53-1)`,
        };
      if (isNumericString(value)) return bad(`param "${name}": expected integer, got ${got(value)}`, `remove the quotes: ${value}`);
      return bad(`param "${name}": expected integer, got ${got(value)}`, yaml11(value));
    case "string":
      if (typeof value === "string") break;
      return bad(
        `param "${name}": expected string, got ${got(value)}`,
        decl.choices ? `one of: ${decl.choices.map(String).join(", ")}` : `quote it: "${String(value)}"`,
      );
    case "boolean":
      if (typeof value === "boolean") break;
      if (typeof value === "string" && YAML11_BOOLS.has(value.toLowerCase()))
        return bad(
          `param "${name}": expected boolean, got ${got(value)}`,
          `write true or false: in YAML 1.2 "${value}" is a string, not a boolean`,
        );
      return bad(`param "${name}": expected boolean, got ${got(value)}`, "write true or false");
  }
  if (typeof value === "number") {
    const r = rangeProblem(decl, value);
    if (r) return { code: "E_PARAM_RANGE", message: `param "${name}" ${r}`, hint: `${name}: ${rangeText(decl)}` };
  }
  if (decl.choices && !decl.choices.some((c) => c === value)) {
    const allowed = decl.choices.map(String);
    return {
      code: "E_PARAM_CHOICE",
      message: `param "${name}" must be one of ${allowed.join(", ")}; got ${got(value)}${typeof value === "string" ? didYouMean(value, allowed) : ""}`,
      hint: `one of: ${allowed.join(", ")}`,
    };
  }
  return undefined;
}

/** `>= 1`, `> 0`, `>= 0 and <= 1`: the declared range of a number param ("" if none). */
export function rangeText(decl: ParamDecl): string {
  const parts: string[] = [];
  if (decl.exclusiveMin !== undefined) parts.push(`> ${decl.exclusiveMin}`);
  if (decl.min !== undefined) parts.push(`>= ${decl.min}`);
  if (decl.max !== undefined) parts.push(`<= ${decl.max}`);
  return parts.join(" and ");
}

/** `must be >= 1, got 0`, or undefined when `v` is within the declared range. */
export function rangeProblem(decl: ParamDecl, v: number): string | undefined {
  const out = (decl.exclusiveMin !== undefined && !(v > decl.exclusiveMin)) || (decl.min !== undefined && v < decl.min) || (decl.max !== undefined && v > decl.max);
  return out ? `must be ${rangeText(decl)}, got ${v}` : undefined;
}
