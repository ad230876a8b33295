/**
 * Grid sampler: the cartesian product in declaration order. The FIRST dimension
 * varies slowest and the last fastest (like nested for-loops written in
 * declaration order). Needs no history: requires(i) = 0.
 */
import type { Params, Scalar, Space } from "./space.js";
import type { FinishedTrial, Sampler } from "./sampler.js";
import { gridValues } from "./dimension.js";

export class GridSampler implements Sampler {
  readonly kind = "grid" as const;
  private readonly names: string[];
  private readonly values: Scalar[][];
  private readonly size: number;

  constructor(space: Space) {
    this.names = space.map((e) => e.name);
    this.values = space.map((e) => gridValues(e.name, e.dim));
    this.size = this.values.reduce((n, v) => n * v.length, 1);
  }

  total(): number {
    return this.size;
  }

  requires(_index: number): number {
    return 0;
  }

  propose(index: number, _history: readonly FinishedTrial[] = []): Params {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`grid: trial index ${index} is outside the grid of ${this.size} points`);
    const params: Params = {};
    let rest = index;
    for (let d = this.names.length - 1; d >= 0; d--) {
      const vals = this.values[d]!;
      params[this.names[d]!] = vals[rest % vals.length]!;
      rest = Math.floor(rest / vals.length);
    }
    // keep declaration order in the object
    const ordered: Params = {};
    for (const n of this.names) ordered[n] = params[n]!;
    return ordered;
  }
}
