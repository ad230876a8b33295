import { test } from "node:test";
import assert from "node:assert/strict";
import { auc, logloss, splitMetrics } from "../../src/ml/metrics.js";

test("auc: perfect, reversed and hand-computed ranking", () => {
  assert.equal(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
  assert.equal(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
  // positives 0.8, 0.35; negatives 0.1, 0.4, 0.7 -> pairs won: 0.8 beats 3, 0.35 beats 1 -> 4/6
  assert.equal(auc([0.1, 0.4, 0.35, 0.8, 0.7], [0, 0, 1, 1, 0]), 4 / 6);
});

test("auc: ties count one half", () => {
  // all scores equal -> 0.5
  assert.equal(auc([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0]), 0.5);
  // pos {0.5, 0.9}, neg {0.5, 0.1}: 0.9 beats both (2), 0.5 beats 0.1 (1) and ties 0.5 (0.5) -> 3.5/4
  assert.equal(auc([0.5, 0.9, 0.5, 0.1], [1, 1, 0, 0]), 3.5 / 4);
  // ranks with averages: scores 1,2,2,2,3 labels 0,1,0,1,1 -> pos ranks 3,3,5 sum 11; (11 - 6) / (3*2) = 5/6
  assert.equal(auc([1, 2, 2, 2, 3], [0, 1, 0, 1, 1]), 5 / 6);
});

test("auc: NaN when a class is absent", () => {
  assert.ok(Number.isNaN(auc([0.1, 0.2], [1, 1])));
  assert.ok(Number.isNaN(auc([0.1, 0.2], [0, 0])));
});

test("logloss: hand-computed and clipped", () => {
  const v = logloss([0.9, 0.2, 0.5], [1, 0, 1]);
  assert.ok(Math.abs(v - (-Math.log(0.9) - Math.log(0.8) - Math.log(0.5)) / 3) < 1e-12);
  // p = 0 for a positive would be infinite without clipping: -log(1e-15) = 34.538776394910684
  // (p = 1 for a negative clips to 1 - 1e-15, which float64 rounds: -log(1 - (1 - 1e-15)) = 34.43...)
  assert.ok(Math.abs(logloss([1], [0]) - -Math.log(1 - (1 - 1e-15))) < 1e-9);
  assert.ok(logloss([1], [0]) > 34.4 && logloss([1], [0]) < 34.6);
  assert.ok(Math.abs(logloss([0], [1]) - 34.538776394910684) < 1e-6);
  assert.ok(Math.abs(logloss([1], [1])) < 1e-12);
});

test("splitMetrics: logits -> auc and logloss under prefixed names", () => {
  const m = splitMetrics("valid", [0, Math.log(4)], [0, 1]); // sigmoid(log 4) = 0.8
  assert.deepEqual(Object.keys(m).sort(), ["valid.auc", "valid.logloss"]);
  assert.equal(m["valid.auc"], 1);
  assert.ok(Math.abs(m["valid.logloss"]! - (-Math.log(0.5) - Math.log(0.8)) / 2) < 1e-12);
});
