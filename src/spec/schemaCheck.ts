import Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Diagnostic } from "./diagnostic.js";
import { LocMap, parsePointer, type Path } from "./locs.js";
import { PIPELINE_SCHEMA } from "./schemaObject.js";
import { didYouMean } from "./suggest.js";

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(PIPELINE_SCHEMA as object);
  }
  return compiled;
}

/** Parts checked in detail by the semantic checks (with better messages): ajv errors there are dropped. */
function handledElsewhere(path: string[], e: ErrorObject): boolean {
  if (e.keyword === "propertyNames" || e.schemaPath.includes("/propertyNames/") || (e.params as { propertyName?: string }).propertyName !== undefined) return true;
  if (path[0] !== "nodes" && !(path[0] === "defaults" && path[1] === "goal")) return false;
  if (path[0] === "defaults") return true;
  const section = path[2];
  if (path.length >= 4 && (section === "params" || section === "inputs")) return true;
  if (section === "search" && path[3] === "space" && path.length >= 5) return true;
  if (section === "goal" && path.length === 3) return true;
  return false;
}

export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

function typeWord(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "mapping";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function where(path: string[]): string {
  if (path.length === 0) return "the pipeline";
  if (path[0] === "nodes" && path.length >= 2) {
    const rest = path.slice(2).join(".");
    return rest ? `"${rest}" of node "${path[1]}"` : `node "${path[1]}"`;
  }
  return `"${path.join(".")}"`;
}

/** Validate the plain document against the JSON Schema; map errors to source positions. */
export function schemaDiagnostics(value: unknown, locs: LocMap): Diagnostic[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const anyOfs = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.schemaPath + "/");
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (anyOfs.some((p) => e.schemaPath.startsWith(p))) continue;
    const path = parsePointer(e.instancePath);
    if (handledElsewhere(path, e)) continue;
    const d = mapError(e, path, locs);
    if (!d) continue;
    const k = `${d.code}|${d.loc?.line}|${d.loc?.col}|${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

function mapError(e: ErrorObject, path: string[], locs: LocMap): Diagnostic | undefined {
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const at = path as Path;
  switch (e.keyword) {
    case "required": {
      const field = String(p.missingProperty);
      return {
        severity: "error",
        code: "E_MISSING_FIELD",
        message: `missing required field "${field}" in ${where(path)}`,
        loc: path.length === 0 ? { file: locs.file, line: 1, col: 1 } : locs.key(at),
        hint: `add \`${field}:\``,
      };
    }
    case "additionalProperties": {
      const field = String(p.additionalProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      return {
        severity: "error",
        code: "E_UNKNOWN_FIELD",
        message: `unknown field "${field}" in ${where(path)}${didYouMean(field, allowed)}`,
        loc: locs.key([...at, field]),
        hint: allowed.length ? `allowed fields: ${allowed.join(", ")}` : "remove it",
      };
    }
    case "type": {
      const yamlWord = (t: string) => (t === "object" ? "a mapping" : t === "array" ? "a list" : t);
      const want = Array.isArray(p.type) ? (p.type as string[]).map(yamlWord).join(" or ") : yamlWord(String(p.type));
      if (e.data === null && path.length > 0) {
        return {
          severity: "error",
          code: "E_TYPE",
          message: `${where(path)} is empty: expected ${want}`,
          loc: locs.key(at),
        };
      }
      const got = typeWord(e.data);
      const quotedNumber = typeof e.data === "string" && e.data.trim() !== "" && Number.isFinite(Number(e.data));
      return {
        severity: "error",
        code: "E_TYPE",
        message: `${where(path)}: expected ${want}, got ${got === "string" ? `string ${JSON.stringify(e.data)}` : got === "list" || got === "mapping" ? `a ${got}` : got}`,
        loc: locs.value(at),
        ...(quotedNumber ? { hint: `remove the quotes: ${String(e.data)}` } : {}),
      };
    }
    case "const":
      return {
        severity: "error",
        code: "E_BAD_VALUE",
        message: `${where(path)} must be ${JSON.stringify(p.allowedValue)}, got ${describeValue(e.data)}`,
        loc: locs.value(at),
      };
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return {
        severity: "error",
        code: "E_BAD_VALUE",
        message: `${where(path)} must be one of ${allowed.join(", ")}; got ${describeValue(e.data)}${typeof e.data === "string" ? didYouMean(e.data, allowed) : ""}`,
        loc: locs.value(at),
      };
    }
    case "anyOf":
    case "oneOf":
      return {
        severity: "error",
        code: "E_BAD_VALUE",
        message: `${where(path)}: ${describeValue(e.data)} is not allowed here`,
        loc: locs.value(at),
        ...(typeof parent.description === "string" ? { hint: `expected ${parent.description}` } : {}),
      };
    case "minProperties":
      return {
        severity: "error",
        code: "E_BAD_VALUE",
        message: `${where(path)} must not be empty`,
        loc: locs.value(at),
      };
    default:
      return {
        severity: "error",
        code: "E_BAD_VALUE",
        message: `${where(path)} ${e.message ?? "is invalid"}`,
        loc: locs.value(at),
      };
  }
}
