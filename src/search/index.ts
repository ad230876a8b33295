/**
 * Search: samplers (grid, random, tpe), seed derivation, grid size.
 */
import type { Sampler, SamplerOptions } from "./sampler.js";
import { validateSpace } from "./dimension.js";
import { GridSampler } from "./grid.js";
import { RandomSampler } from "./random.js";
import { TpeSampler, type TpeOptions } from "./tpe.js";

export type { Sampler, SamplerOptions, FinishedTrial } from "./sampler.js";
export type { Dimension, Goal, Params, SamplerKind, Scalar, Space, SpaceEntry } from "./space.js";
export { seedFor } from "./seed.js";
export { Rng } from "./rng.js";
export { gridSize, gridValues, inDimension, SpaceError, validateSpace } from "./dimension.js";
export { DEFAULT_TPE, optunaGamma, TpeSampler, type TpeOptions } from "./tpe.js";
export { GridSampler } from "./grid.js";
export { RandomSampler, randomParams } from "./random.js";

/** Trials for random/tpe when the node does not say (`search.trials`). */
export const DEFAULT_TRIALS = 20;

export interface CreateSamplerOptions extends SamplerOptions {
  /** Advanced TPE settings (defaults: DEFAULT_TPE). */
  tpe?: Partial<TpeOptions>;
}

/** Build the sampler for a node's search. Throws SpaceError on a malformed space (or a continuous dim in a grid). */
export function createSampler(opts: CreateSamplerOptions): Sampler {
  validateSpace(opts.space);
  const trials = opts.trials ?? DEFAULT_TRIALS;
  if (opts.kind !== "grid" && (!Number.isInteger(trials) || trials < 1))
    throw new RangeError(`${opts.kind}: trials must be an integer >= 1, got ${trials}`);
  const seed = opts.seed >>> 0;
  switch (opts.kind) {
    case "grid":
      return new GridSampler(opts.space);
    case "random":
      return new RandomSampler(opts.space, seed, trials);
    case "tpe":
      return new TpeSampler(opts.space, seed, opts.goal, trials, opts.tpe);
    default:
      throw new RangeError(`unknown sampler "${String((opts as { kind: unknown }).kind)}"`);
  }
}
