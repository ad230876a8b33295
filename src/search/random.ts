/**
 * Random sampler: every trial index draws from its own stream,
 * Rng(seedFor(seed, "random", index)), so trial i's params never depend on
 * other trials, on the trial count, or on the order trials run in.
 */
import type { Params, Space } from "./space.js";
import type { FinishedTrial, Sampler } from "./sampler.js";
import { Rng } from "./rng.js";
import { seedFor } from "./seed.js";
import { sampleDimension } from "./dimension.js";

/** The params the random sampler (and TPE's startup phase) gives trial `index`. */
export function randomParams(space: Space, seed: number, index: number): Params {
  const rng = new Rng(seedFor(seed, "random", index));
  const params: Params = {};
  for (const { name, dim } of space) params[name] = sampleDimension(dim, rng);
  return params;
}

export class RandomSampler implements Sampler {
  readonly kind = "random" as const;
  constructor(
    private readonly space: Space,
    private readonly seed: number,
    private readonly trials: number,
  ) {}

  total(): number {
    return this.trials;
  }

  requires(_index: number): number {
    return 0;
  }

  propose(index: number, _history: readonly FinishedTrial[] = []): Params {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`random: bad trial index ${index}`);
    return randomParams(this.space, this.seed, index);
  }
}
