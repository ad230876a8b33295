/** Inputs that used to pass `validate` and then broke `run`. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { at, check, errs, HEAD, y } from "./helpers.js";

test("non-finite numbers anywhere: params, space values and bounds, dataset options, seed, timeout, retries", () => {
  const text = y`
    version: 1
    seed: .inf
    dataset: {format: synthetic, options: {rows: .nan}}
    defaults: {timeout: .inf}
    nodes:
      teacher:
        task: ctr.train
        params: {l2: .inf}
        retries: .inf
        search:
          sampler: random
          trials: 2
          space:
            learning_rate: {uniform: [0.001, .inf]}
            depth: [2, -.inf]
      s:
        task: shell
        command: echo {params.x}
        params: {x: -.inf}
        timeout: .nan
        search: {sampler: grid, space: {y: [1, .inf]}}
  `;
  assert.deepEqual(errs(text), [
    "E_NONFINITE@2:7",
    "E_NONFINITE@3:46",
    "E_NONFINITE@4:21",
    "E_NONFINITE@8:18",
    "E_NONFINITE@9:14",
    "E_NONFINITE@14:42",
    "E_NONFINITE@15:20",
    "E_NONFINITE@19:17",
    "E_NONFINITE@20:14",
    "E_NONFINITE@21:44",
  ]);
  const d = check(text).diagnostics[0]!;
  assert.match(d.message, /\.inf.*trial keys and scripts need finite numbers/);
  assert.ok(d.hint);
});
