/**
 * Per-dimension helpers shared by the samplers: validation, enumeration,
 * uniform (prior) sampling and membership.
 */
import type { Dimension, Scalar, Space } from "./space.js";
import type { Rng } from "./rng.js";

export class SpaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpaceError";
  }
}

type IntDim = Extract<Dimension, { kind: "int" }>;

export function intStep(dim: IntDim): number {
  return dim.step ?? 1;
}

/** Number of values of an int dimension: low, low+step, ... <= high. */
export function intCount(dim: IntDim): number {
  return Math.floor((dim.high - dim.low) / intStep(dim)) + 1;
}

/** The k-th value of an int dimension (k in [0, intCount)). */
export function intValue(dim: IntDim, k: number): number {
  return dim.low + k * intStep(dim);
}

/** Throws SpaceError naming the dimension if it is malformed. */
export function validateSpace(space: Space): void {
  const seen = new Set<string>();
  for (const { name, dim } of space) {
    if (seen.has(name)) throw new SpaceError(`search space: dimension "${name}" is declared twice`);
    seen.add(name);
    switch (dim.kind) {
      case "choice":
        if (dim.values.length === 0) throw new SpaceError(`search space: "${name}" is a choice with no values`);
        break;
      case "uniform":
      case "loguniform":
        if (!Number.isFinite(dim.low) || !Number.isFinite(dim.high) || !(dim.low < dim.high))
          throw new SpaceError(`search space: "${name}" needs finite low < high, got [${dim.low}, ${dim.high}]`);
        if (dim.kind === "loguniform" && !(dim.low > 0))
          throw new SpaceError(`search space: "${name}" is loguniform, so low must be > 0, got ${dim.low}`);
        break;
      case "int": {
        const step = intStep(dim);
        if (!Number.isSafeInteger(dim.low) || !Number.isSafeInteger(dim.high) || dim.low > dim.high)
          throw new SpaceError(`search space: "${name}" needs integer low <= high, got [${dim.low}, ${dim.high}]`);
        if (!Number.isSafeInteger(step) || step < 1)
          throw new SpaceError(`search space: "${name}" needs an integer step >= 1, got ${step}`);
        if (dim.log && dim.low < 1)
          throw new SpaceError(`search space: "${name}" is a log int, so low must be >= 1, got ${dim.low}`);
        break;
      }
    }
  }
}

/** Grid values of one dimension; continuous dimensions throw. */
export function gridValues(name: string, dim: Dimension): Scalar[] {
  switch (dim.kind) {
    case "choice":
      return dim.values;
    case "int": {
      const n = intCount(dim);
      const out: number[] = [];
      for (let k = 0; k < n; k++) out.push(intValue(dim, k));
      return out;
    }
    default:
      throw new SpaceError(
        `grid search: "${name}" is continuous (${dim.kind}); a grid needs a list/choice or an int range — use sampler random or tpe`,
      );
  }
}

/** Number of grid points of a space (product of dimension sizes); continuous dimensions throw. */
export function gridSize(space: Space): number {
  let size = 1;
  for (const { name, dim } of space) {
    size *= dim.kind === "int" ? intCount(dim) : gridValues(name, dim).length;
  }
  return size;
}

/** Snap a (possibly fractional) int-dimension value to its nearest grid value. */
export function snapInt(dim: IntDim, x: number): number {
  const n = intCount(dim);
  let k = Math.round((x - dim.low) / intStep(dim));
  if (!(k >= 0)) k = 0;
  if (k > n - 1) k = n - 1;
  return intValue(dim, k);
}

/** Draw one value from the dimension's prior (uniform; log-uniform for log dims). */
export function sampleDimension(dim: Dimension, rng: Rng): Scalar {
  const u = rng.next();
  switch (dim.kind) {
    case "choice":
      return dim.values[Math.min(dim.values.length - 1, Math.floor(u * dim.values.length))]!;
    case "uniform": {
      const x = dim.low + u * (dim.high - dim.low);
      return x > dim.high ? dim.high : x;
    }
    case "loguniform": {
      const lo = Math.log(dim.low), hi = Math.log(dim.high);
      const x = Math.exp(lo + u * (hi - lo));
      return x < dim.low ? dim.low : x > dim.high ? dim.high : x;
    }
    case "int": {
      const n = intCount(dim);
      if (!dim.log) return intValue(dim, Math.min(n - 1, Math.floor(u * n)));
      // log-uniform over [low - 0.5, last + 0.5], then snapped to the step grid
      const lo = Math.log(dim.low - 0.5), hi = Math.log(intValue(dim, n - 1) + 0.5);
      return snapInt(dim, Math.exp(lo + u * (hi - lo)));
    }
  }
}

/** Whether a value is a member of the dimension (used for history filtering and tests). */
export function inDimension(dim: Dimension, v: unknown): boolean {
  switch (dim.kind) {
    case "choice":
      return choiceIndex(dim.values, v) >= 0;
    case "uniform":
    case "loguniform":
      return typeof v === "number" && v >= dim.low && v <= dim.high;
    case "int": {
      if (typeof v !== "number" || !Number.isInteger(v) || v < dim.low || v > dim.high) return false;
      return (v - dim.low) % intStep(dim) === 0;
    }
  }
}

/** Index of a value among choice values (strict equality), -1 when absent. */
export function choiceIndex(values: readonly Scalar[], v: unknown): number {
  for (let i = 0; i < values.length; i++) if (values[i] === v) return i;
  return -1;
}
