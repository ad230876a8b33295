import { test } from "node:test";
import assert from "node:assert/strict";
import { createSampler, inDimension, SpaceError } from "../../src/search/index.js";
import type { Space } from "../../src/search/space.js";

test("random: log-uniform lands ~1/3 in each decade of [1e-4, 1e-1] (chi-square, fixed seed)", () => {
  const space: Space = [{ name: "lr", dim: { kind: "loguniform", low: 1e-4, high: 1e-1 } }];
  const n = 3000;
  const s = createSampler({ kind: "random", space, seed: 12345, goal: "minimize", trials: n });
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const v = s.propose(i, []).lr as number;
    assert.ok(v >= 1e-4 && v <= 1e-1);
    counts[Math.min(2, Math.floor(Math.log10(v) + 4))]!++;
  }
  const expected = n / 3;
  const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  // 2 degrees of freedom: P(chi2 > 13.8) = 0.001; a linear (non-log) sampler would put ~90% in the top decade
  assert.ok(chi2 < 13.8, `counts ${counts}, chi2 ${chi2}`);
  for (const c of counts) assert.ok(c > 900 && c < 1100, `counts ${counts}`);
});

test("random: int with step yields only step values, all of them, uniformly", () => {
  const space: Space = [{ name: "n", dim: { kind: "int", low: 3, high: 20, step: 4 } }];
  const s = createSampler({ kind: "random", space, seed: 5, goal: "minimize", trials: 1000 });
  const counts = new Map<number, number>();
  for (let i = 0; i < 1000; i++) {
    const v = s.propose(i, []).n as number;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  assert.deepEqual([...counts.keys()].sort((a, b) => a - b), [3, 7, 11, 15, 19]);
  for (const c of counts.values()) assert.ok(c > 150 && c < 250, `counts ${[...counts]}`);
});

test("random: log int honours log scale and step", () => {
  const space: Space = [{ name: "units", dim: { kind: "int", low: 1, high: 1000, log: true } }];
  const s = createSampler({ kind: "random", space, seed: 8, goal: "minimize", trials: 3000 });
  let small = 0;
  for (let i = 0; i < 3000; i++) {
    const v = s.propose(i, []).units as number;
    assert.ok(Number.isInteger(v) && v >= 1 && v <= 1000);
    if (v <= 31) small++;
  }
  // log-uniform: about half the mass is below sqrt(1000) ~ 31.6 (a linear sampler would give ~3%)
  assert.ok(small > 1350 && small < 1650, `small ${small}`);

  const stepped: Space = [{ name: "k", dim: { kind: "int", low: 2, high: 64, step: 2, log: true } }];
  const s2 = createSampler({ kind: "random", space: stepped, seed: 8, goal: "minimize", trials: 300 });
  for (let i = 0; i < 300; i++) {
    const v = s2.propose(i, []).k as number;
    assert.ok(v % 2 === 0 && v >= 2 && v <= 64, `value ${v}`);
  }
});

test("random: same seed same params; a trial's params do not depend on other trials or on the count", () => {
  const space: Space = [
    { name: "x", dim: { kind: "uniform", low: -1, high: 1 } },
    { name: "c", dim: { kind: "choice", values: ["a", "b", "c"] } },
  ];
  const a = createSampler({ kind: "random", space, seed: 77, goal: "minimize", trials: 10 });
  const b = createSampler({ kind: "random", space, seed: 77, goal: "minimize", trials: 30 });
  const c = createSampler({ kind: "random", space, seed: 78, goal: "minimize", trials: 10 });
  assert.deepEqual(a.propose(7, []), b.propose(7, [{ index: 0, params: { x: 0, c: "a" }, value: 1 }]));
  assert.notDeepEqual(a.propose(7, []), c.propose(7, []));
  assert.notDeepEqual(a.propose(7, []), a.propose(8, []));
  assert.equal(a.total(), 10);
  assert.equal(b.requires(25), 0);
});

test("random: every value lies in its dimension", () => {
  const space: Space = [
    { name: "u", dim: { kind: "uniform", low: 0.5, high: 0.75 } },
    { name: "l", dim: { kind: "loguniform", low: 3, high: 3.5 } },
    { name: "i", dim: { kind: "int", low: -4, high: 4, step: 3 } },
    { name: "c", dim: { kind: "choice", values: [null, true, 2.5, "s"] } },
  ];
  const s = createSampler({ kind: "random", space, seed: 1, goal: "minimize", trials: 500 });
  for (let i = 0; i < 500; i++) {
    const p = s.propose(i, []);
    for (const { name, dim } of space) assert.ok(inDimension(dim, p[name]), `${name}=${String(p[name])}`);
  }
});

test("malformed spaces are rejected", () => {
  const bad: Space[] = [
    [{ name: "a", dim: { kind: "loguniform", low: 0, high: 1 } }],
    [{ name: "a", dim: { kind: "uniform", low: 2, high: 1 } }],
    [{ name: "a", dim: { kind: "int", low: 0, high: 5, step: 0 } }],
    [{ name: "a", dim: { kind: "int", low: 0, high: 5, log: true } }],
    [{ name: "a", dim: { kind: "choice", values: [] } }],
    [{ name: "a", dim: { kind: "int", low: 0.5, high: 5 } }],
  ];
  for (const space of bad) assert.throws(() => createSampler({ kind: "random", space, seed: 1, goal: "minimize" }), SpaceError);
  assert.throws(() => createSampler({ kind: "tpe", space: [], seed: 1, goal: "minimize", trials: 0 }), RangeError);
});
