import { createRng, shuffle } from "./rng.js";

export interface SplitIndex {
  train: Int32Array;
  valid: Int32Array;
  test: Int32Array;
}

export const DEFAULT_RATIOS: readonly [number, number, number] = [0.8, 0.1, 0.1];

/**
 * Random split of n examples, as RecBole's RS: shuffle 0..n-1 with the seed (own PRNG, the
 * same on every platform), valid = floor(r1 n), test = floor(r2 n), train = the rest.
 */
export function splitIndex(n: number, seed: number, ratios: readonly [number, number, number] = DEFAULT_RATIOS): SplitIndex {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  shuffle(perm, createRng(`dagtune.split:${seed}`));
  const sum = ratios[0] + ratios[1] + ratios[2];
  const nValid = Math.floor((ratios[1] / sum) * n);
  const nTest = Math.floor((ratios[2] / sum) * n);
  const nTrain = n - nValid - nTest;
  return {
    train: perm.slice(0, nTrain),
    valid: perm.slice(nTrain, nTrain + nValid),
    test: perm.slice(nTrain + nValid),
  };
}
