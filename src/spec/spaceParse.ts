import type { Dimension, Scalar } from "../search/space.js";
import type { ParamDecl } from "../tasks/types.js";
import { Ctx, isObj, isScalarValue } from "./ctx.js";
import type { Path } from "./locs.js";
import { checkParamValue, rangeProblem, rangeText } from "./params.js";
import { didYouMean } from "./suggest.js";

export const UNSAFE_INT_HINT = `integers are exact up to ${Number.MAX_SAFE_INTEGER} (2^53-1): use a smaller range, or uniform / loguniform for a continuous one`;

const KINDS = ["choice", "uniform", "loguniform", "int"] as const;
const FORMS = "a list, {choice: [...]}, {uniform: [lo, hi]}, {loguniform: [lo, hi]} or {int: [lo, hi], step?, log?}";

/** Identity of a parsed choice value: 1.0e-4 and 0.0001 are the same; 1 and "1" are not. */
export function choiceKey(v: Scalar): string {
  return `${v === null ? "null" : typeof v}:${typeof v === "number" ? String(v) : JSON.stringify(v)}`;
}

/** Number of grid points of a dimension; Infinity for continuous ones. */
export function dimSize(dim: Dimension): number {
  switch (dim.kind) {
    case "choice":
      return dim.values.length;
    case "int":
      return Math.floor((dim.high - dim.low) / (dim.step ?? 1)) + 1;
    default:
      return Infinity;
  }
}

/** Most points a grid search may have (each is a trial). */
export const GRID_MAX = 100_000;

/** Points of a grid over `dims`, computed arithmetically (never enumerated); Infinity past 2^1024. */
export function gridSize(dims: readonly Dimension[]): number {
  return dims.reduce((a, d) => a * dimSize(d), 1);
}

/** `10000000000000000`, `1.2e+25`, `more than 1e308`. */
export function countText(n: number): string {
  return Number.isFinite(n) ? String(n) : "more than 1e308";
}

/** Human form of a dimension, e.g. `loguniform[0.0001, 0.01]`, `[8, 16]`. */
export function dimText(dim: Dimension): string {
  switch (dim.kind) {
    case "choice":
      return `[${dim.values.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v))).join(", ")}]`;
    case "int":
      return `int[${dim.low}, ${dim.high}]${dim.step !== undefined ? ` step ${dim.step}` : ""}${dim.log ? " log" : ""}`;
    default:
      return `${dim.kind}[${dim.low}, ${dim.high}]`;
  }
}

/**
 * Parse and check one `search.space` entry at `path` (…/space/<name>).
 * `decl`: the param's declaration for typed tasks (undefined = unknown/any).
 */
export function parseDimension(raw: unknown, path: Path, name: string, ctx: Ctx, decl?: ParamDecl): Dimension | undefined {
  const L = ctx.locs;
  if (Array.isArray(raw)) return parseChoice(raw, path, name, ctx, decl);
  if (!isObj(raw)) {
    ctx.error(
      "E_BAD_SPACE",
      `search dimension "${name}" must be ${FORMS}; got ${raw === null ? "nothing" : JSON.stringify(raw)}`,
      L.value(path),
      `to fix "${name}" to one value, put it under params instead`,
    );
    return undefined;
  }
  const keys = Object.keys(raw);
  const kinds = keys.filter((k) => (KINDS as readonly string[]).includes(k));
  if (kinds.length === 0) {
    const k = keys[0];
    ctx.error(
      "E_BAD_SPACE",
      k === undefined
        ? `search dimension "${name}" is empty`
        : `unknown distribution "${k}" for "${name}"${didYouMean(k, KINDS)}`,
      k === undefined ? L.value(path) : L.key([...path, k]),
      `use ${FORMS}`,
    );
    return undefined;
  }
  if (kinds.length > 1) {
    ctx.error("E_BAD_SPACE", `search dimension "${name}" has both "${kinds[0]}" and "${kinds[1]}"`, L.key([...path, kinds[1]!]), "keep one distribution");
    return undefined;
  }
  const kind = kinds[0] as (typeof KINDS)[number];
  let ok = true;
  for (const k of keys) {
    if (k === kind || (kind === "int" && (k === "step" || k === "log"))) continue;
    ctx.error(
      "E_BAD_SPACE",
      `unknown key "${k}" in ${kind} dimension "${name}"${kind === "int" ? didYouMean(k, ["step", "log"]) : ""}`,
      L.key([...path, k]),
      kind === "int" ? "int takes [lo, hi] and optional step and log" : `${kind} takes only [lo, hi]`,
    );
    ok = false;
  }
  if (kind === "choice") {
    const v = raw.choice;
    if (!Array.isArray(v)) {
      ctx.error("E_BAD_SPACE", `"choice" of "${name}" must be a list of values`, L.value([...path, "choice"]), "write choice: [a, b, c]");
      return undefined;
    }
    const d = parseChoice(v, [...path, "choice"], name, ctx, decl);
    return ok ? d : undefined;
  }
  const bpath = [...path, kind];
  const b = raw[kind];
  if (!Array.isArray(b) || b.length !== 2) {
    ctx.error("E_BAD_SPACE", `${kind} of "${name}" expects [low, high]`, L.value(bpath), `write ${kind}: [low, high]`);
    return undefined;
  }
  const nums: number[] = [];
  b.forEach((x, i) => {
    if (typeof x === "number" && Number.isFinite(x)) nums.push(x);
    else {
      ok = false;
      const quoted = typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x));
      ctx.error(
        "E_EXPECTED_NUMBER",
        `${kind} bound of "${name}": expected number, got ${typeof x === "string" ? `string ${JSON.stringify(x)}` : x === null ? "null" : typeof x === "number" ? String(x) : typeof x}`,
        L.value([...bpath, i]),
        quoted ? `remove the quotes: ${x as string}` : "bounds are numbers",
      );
    }
  });
  if (!ok || nums.length !== 2) return undefined;
  const [lo, hi] = nums as [number, number];
  if (decl && (decl.type === "string" || decl.type === "boolean")) {
    ctx.error("E_PARAM_TYPE", `param "${name}" is a ${decl.type}: it cannot use a ${kind} range`, L.key([...path, kind]), "list the values: [a, b]");
    return undefined;
  }
  if (decl && decl.type === "integer" && kind !== "int") {
    ctx.error("E_PARAM_TYPE", `param "${name}" is an integer: ${kind} would sample non-integers`, L.key([...path, kind]), `use {int: [${lo}, ${hi}]}${kind === "loguniform" ? " with log: true" : ""}`);
    return undefined;
  }
  if (kind === "loguniform") {
    let bad = false;
    nums.forEach((x, i) => {
      if (x <= 0) {
        bad = true;
        ctx.error(
          "E_LOGUNIFORM_BOUND",
          `loguniform bound of "${name}" must be > 0, got ${x}`,
          L.value([...bpath, i]),
          `bounds are values, not exponents: for 1e-4 .. 1e-2 write [1.0e-4, 1.0e-2]`,
        );
      }
    });
    if (bad) return undefined;
  }
  if (kind === "int") {
    let bad = false;
    nums.forEach((x, i) => {
      if (!Number.isInteger(x)) {
        bad = true;
        ctx.error("E_INT_BOUNDS", `int bound of "${name}" must be an integer, got ${x}`, L.value([...bpath, i]), "use whole numbers, or uniform for a continuous range");
      } else if (!Number.isSafeInteger(x)) {
        bad = true;
        ctx.error("E_UNSAFE_INTEGER", `int bound of "${name}" is ${x}, beyond the largest exact integer (${Number.MAX_SAFE_INTEGER}): values that large are rounded`, L.value([...bpath, i]), UNSAFE_INT_HINT);
      }
    });
    if (bad) return undefined;
  }
  if (lo >= hi) {
    ctx.error("E_BOUNDS_ORDER", `${kind} range of "${name}": lower bound ${lo} must be < upper bound ${hi}`, L.value(bpath), lo === hi ? `a single value belongs in params: ${name}: ${lo}` : `write [${hi}, ${lo}]`);
    return undefined;
  }
  // Bounds within the param's declared range (after the form's own checks).
  const inRange = (): boolean => {
    if (!decl) return true;
    let good = true;
    nums.forEach((x, i) => {
      const r = rangeProblem(decl, x);
      if (!r) return;
      good = false;
      ctx.error("E_PARAM_RANGE", `${kind} ${i === 0 ? "lower" : "upper"} bound of "${name}": "${name}" ${r}`, L.value([...bpath, i]), `${name}: ${rangeText(decl)}`);
    });
    return good;
  };
  if (kind === "uniform" || kind === "loguniform") return inRange() ? { kind, low: lo, high: hi } : undefined;
  const dim: Dimension = { kind: "int", low: lo, high: hi };
  if (raw.step !== undefined) {
    const s = raw.step;
    const sl = L.value([...path, "step"]);
    if (typeof s !== "number" || !Number.isInteger(s) || s < 1) {
      ctx.error("E_INT_STEP", `step of "${name}" must be a positive integer, got ${JSON.stringify(s)}`, sl);
      return undefined;
    }
    if (!Number.isSafeInteger(s)) {
      ctx.error("E_UNSAFE_INTEGER", `step of "${name}" is ${s}, beyond the largest exact integer (${Number.MAX_SAFE_INTEGER})`, sl, UNSAFE_INT_HINT);
      return undefined;
    }
    if ((hi - lo) % s !== 0) {
      const k = Math.floor((hi - lo) / s);
      ctx.error(
        "E_INT_STEP",
        `step ${s} of "${name}" does not land on the upper bound: ${lo} + k*${s} never equals ${hi}`,
        sl,
        `use an upper bound of ${lo + k * s} or ${lo + (k + 1) * s}, or another step`,
      );
      return undefined;
    }
    dim.step = s;
  }
  if (raw.log !== undefined) {
    if (typeof raw.log !== "boolean") {
      ctx.error("E_TYPE", `log of "${name}": expected boolean, got ${JSON.stringify(raw.log)}`, L.value([...path, "log"]), "write true or false");
      return undefined;
    }
    if (raw.log) {
      if (lo < 1) {
        ctx.error("E_INT_LOG", `int dimension "${name}" with log: true needs a lower bound >= 1, got ${lo}`, L.value([...bpath, 0]), "log scale is undefined at 0 and below: start at 1");
        return undefined;
      }
      if (dim.step !== undefined && dim.step !== 1) {
        ctx.error("E_BAD_SPACE", `int dimension "${name}" cannot combine log: true with step ${dim.step}`, L.key([...path, "step"]), "drop step or log");
        return undefined;
      }
      dim.log = true;
    }
  }
  return ok && inRange() ? dim : undefined;
}

function parseChoice(list: unknown[], path: Path, name: string, ctx: Ctx, decl?: ParamDecl): Dimension | undefined {
  const L = ctx.locs;
  if (list.length === 0) {
    ctx.error("E_EMPTY_CHOICE", `choice list of "${name}" is empty`, L.value(path), `list at least one value, or remove "${name}" from the space`);
    return undefined;
  }
  const values: Scalar[] = [];
  const first = new Map<string, number>();
  let ok = true;
  list.forEach((v, i) => {
    const p = [...path, i];
    if (!isScalarValue(v)) {
      ok = false;
      ctx.error("E_BAD_SPACE", `choice values of "${name}" must be scalars, got ${Array.isArray(v) ? "a list" : "a mapping"}`, L.value(p));
      return;
    }
    if (decl) {
      const pr = checkParamValue(decl, v, name);
      if (pr) {
        ok = false;
        ctx.error(pr.code, pr.message, L.value(p), pr.hint);
        return;
      }
    }
    const k = choiceKey(v);
    const j = first.get(k);
    if (j !== undefined) {
      ok = false;
      ctx.error(
        "E_DUPLICATE_CHOICE",
        `choice list of "${name}" repeats the value ${String(v)}`,
        L.value(p),
        "remove the repeated value (values are compared after parsing: 1.0e-4 and 0.0001 are equal)",
        [{ message: "first occurrence", loc: L.value([...path, j]) }],
      );
      return;
    }
    first.set(k, i);
    values.push(v);
  });
  return ok ? { kind: "choice", values } : undefined;
}
