import { test } from "node:test";
import assert from "node:assert/strict";
import { best, selectTrials } from "../../src/engine/select.js";

const c = (index: number, value: number, params: Record<string, number> = {}) => ({ index, value, params });

test("ties: the lowest trial index wins, whatever the input order", () => {
  const cands = [c(4, 0.9), c(2, 0.9), c(7, 0.9), c(1, 0.5)];
  assert.equal(best(cands, "maximize")!.index, 2);
  assert.equal(best([...cands].reverse(), "maximize")!.index, 2);
  assert.equal(best(cands, "minimize")!.index, 1);
});

test("top N orders by value then index", () => {
  const s = selectTrials([c(0, 0.1), c(1, 0.3), c(2, 0.3), c(3, 0.2)], "maximize", { kind: "top", n: 3 });
  assert.deepEqual(s.map((x) => x.index), [1, 2, 3]);
});

test("best_per keeps the best trial of each value, ordered by trial index", () => {
  const cands = [c(0, 0.7, { e: 8 }), c(1, 0.8, { e: 16 }), c(2, 0.75, { e: 8 }), c(3, 0.6, { e: 16 }), c(4, 0.9, { e: 32 })];
  const s = selectTrials(cands, "maximize", { kind: "best_per", params: ["e"] });
  assert.deepEqual(s.map((x) => [x.index, x.params.e]), [[1, 16], [2, 8], [4, 32]]);
});
