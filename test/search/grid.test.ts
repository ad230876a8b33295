import { test } from "node:test";
import assert from "node:assert/strict";
import { createSampler, gridSize, SpaceError } from "../../src/search/index.js";
import type { Space } from "../../src/search/space.js";

const space: Space = [
  { name: "a", dim: { kind: "choice", values: [1, 2] } },
  { name: "b", dim: { kind: "int", low: 0, high: 5, step: 2 } }, // 0, 2, 4
  { name: "c", dim: { kind: "choice", values: ["x", "y"] } },
];

test("grid: size is the product, first dimension varies slowest", () => {
  assert.equal(gridSize(space), 12);
  const g = createSampler({ kind: "grid", space, seed: 1, goal: "minimize" });
  assert.equal(g.total(), 12);
  const all = Array.from({ length: 12 }, (_, i) => g.propose(i, []));
  assert.deepEqual(all[0], { a: 1, b: 0, c: "x" });
  assert.deepEqual(all[1], { a: 1, b: 0, c: "y" });
  assert.deepEqual(all[2], { a: 1, b: 2, c: "x" });
  assert.deepEqual(all[5], { a: 1, b: 4, c: "y" });
  assert.deepEqual(all[6], { a: 2, b: 0, c: "x" });
  assert.deepEqual(all[11], { a: 2, b: 4, c: "y" });
  assert.deepEqual(Object.keys(all[7]!), ["a", "b", "c"]);
  assert.equal(new Set(all.map((p) => JSON.stringify(p))).size, 12);
  for (let i = 0; i < 12; i++) assert.equal(g.requires(i), 0);
  assert.throws(() => g.propose(12, []), RangeError);
});

test("grid: int with step enumerates its values; ignores trials; seed does not matter", () => {
  const s: Space = [{ name: "n", dim: { kind: "int", low: 3, high: 20, step: 4 } }];
  assert.equal(gridSize(s), 5);
  const g = createSampler({ kind: "grid", space: s, seed: 9, goal: "maximize", trials: 2 });
  const g2 = createSampler({ kind: "grid", space: s, seed: 10, goal: "maximize" });
  assert.equal(g.total(), 5);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => g.propose(i, []).n), [3, 7, 11, 15, 19]);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => g2.propose(i, []).n), [3, 7, 11, 15, 19]);
});

test("grid: continuous dimension is an error naming it", () => {
  const s: Space = [
    { name: "a", dim: { kind: "choice", values: [1] } },
    { name: "lr", dim: { kind: "loguniform", low: 1e-4, high: 1e-2 } },
  ];
  assert.throws(() => createSampler({ kind: "grid", space: s, seed: 1, goal: "minimize" }), (e: unknown) => {
    assert.ok(e instanceof SpaceError);
    assert.match((e as Error).message, /"lr".*continuous/);
    return true;
  });
  assert.throws(() => gridSize(s), SpaceError);
});

test("grid: empty space has one point", () => {
  const g = createSampler({ kind: "grid", space: [], seed: 1, goal: "minimize" });
  assert.equal(g.total(), 1);
  assert.deepEqual(g.propose(0, []), {});
});
