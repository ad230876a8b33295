import { test } from "node:test";
import assert from "node:assert/strict";
import { createSampler, inDimension } from "../../src/search/index.js";
import type { FinishedTrial } from "../../src/search/sampler.js";
import type { Params, Space } from "../../src/search/space.js";
import { sequential, simulate } from "./simulate.js";

const mixed: Space = [
  { name: "lr", dim: { kind: "loguniform", low: 1e-5, high: 1e-1 } },
  { name: "layers", dim: { kind: "int", low: 1, high: 17, step: 2 } },
  { name: "act", dim: { kind: "choice", values: ["relu", "tanh", "gelu"] } },
  { name: "dropout", dim: { kind: "uniform", low: 0, high: 0.8 } },
  { name: "units", dim: { kind: "int", low: 8, high: 512, log: true } },
];

/** Minimised; fails (null) when lr is too large, like a diverging run. */
function mixedObjective(p: Params): number | null {
  const lr = p.lr as number;
  if (lr > 0.03) return null;
  const u = Math.log10(lr) + 2.5;
  return u * u + (((p.layers as number) - 7) / 4) ** 2 + (p.act === "gelu" ? 0 : 0.5) + 3 * ((p.dropout as number) - 0.2) ** 2 +
    Math.log2((p.units as number) / 64) ** 2 / 10;
}

const paramsOf = (ts: readonly FinishedTrial[]): Params[] => ts.map((t) => t.params);

test("tpe: requires() — startup trials need nothing, then fixed batches of 4", () => {
  const s = createSampler({ kind: "tpe", space: mixed, seed: 1, goal: "minimize", trials: 30 });
  assert.deepEqual(
    Array.from({ length: 20 }, (_, i) => s.requires(i)),
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 14, 14, 14, 14, 18, 18],
  );
  const b1 = createSampler({ kind: "tpe", space: mixed, seed: 1, goal: "minimize", trials: 30, tpe: { batch: 1 } });
  assert.deepEqual([9, 10, 11, 12].map((i) => b1.requires(i)), [0, 10, 11, 12]);
});

test("tpe: same seed, same params at concurrency 1 and 4, whatever the finish order", () => {
  for (const tpe of [{}, { batch: 3, liar: false }, { multivariate: false }]) {
    const mk = () => createSampler({ kind: "tpe", space: mixed, seed: 2024, goal: "minimize", trials: 40, tpe });
    const c1 = simulate(mk(), mixedObjective, { concurrency: 1, orderSeed: 1 });
    const c4 = simulate(mk(), mixedObjective, { concurrency: 4, orderSeed: 2 });
    const c4b = simulate(mk(), mixedObjective, { concurrency: 4, orderSeed: 3, shuffleHistory: true });
    const seq = sequential(mk(), mixedObjective);
    // the schedules really differed
    assert.notDeepEqual(c4.finishOrder, c1.finishOrder);
    assert.notDeepEqual(c4.finishOrder, c4b.finishOrder);
    assert.deepEqual(paramsOf(c4.trials), paramsOf(c1.trials));
    assert.deepEqual(paramsOf(c4b.trials), paramsOf(c1.trials));
    assert.deepEqual(paramsOf(seq), paramsOf(c1.trials));
    assert.ok(c1.trials.some((t) => t.value === null), "some trials failed");
  }
});

test("tpe: history beyond requires(i) is ignored (engine passing extra trials cannot change params)", () => {
  const s = createSampler({ kind: "tpe", space: mixed, seed: 3, goal: "minimize", trials: 30 });
  const hist = sequential(s, mixedObjective, 30);
  const fresh = createSampler({ kind: "tpe", space: mixed, seed: 3, goal: "minimize", trials: 30 });
  assert.deepEqual(fresh.propose(21, hist), hist[21]!.params);
  assert.deepEqual(fresh.propose(21, hist.slice(0, 18).reverse()), hist[21]!.params);
});

test("tpe: extending 12 -> 24 keeps the first 12 and continues; shrinking selects among the first N", () => {
  const mk = (trials: number) => createSampler({ kind: "tpe", space: mixed, seed: 99, goal: "minimize", trials });
  const first = simulate(mk(12), mixedObjective, { concurrency: 4, orderSeed: 5 }).trials;
  assert.equal(first.length, 12);
  const extended = simulate(mk(24), mixedObjective, { concurrency: 4, orderSeed: 6, initial: first }).trials;
  const scratch = simulate(mk(24), mixedObjective, { concurrency: 2, orderSeed: 7 }).trials;
  assert.equal(extended.length, 24);
  assert.deepEqual(paramsOf(extended.slice(0, 12)), paramsOf(first)); // cache hits in the engine
  assert.deepEqual(paramsOf(extended), paramsOf(scratch)); // continuing == having asked for 24 from the start
  // it continues rather than restarts: trial 12 is not trial 0 again, and it depends on the 12 finished trials
  assert.notDeepEqual(extended[12]!.params, first[0]!.params);
  const other = first.map((t) => ({ ...t, value: t.value === null ? null : -t.value }));
  assert.notDeepEqual(mk(24).propose(12, other), extended[12]!.params);
  // shrinking: the first 6 of a 6-trial search are the first 6 of the 24-trial one
  const small = simulate(mk(6), mixedObjective, { concurrency: 3, orderSeed: 8 }).trials;
  assert.deepEqual(paramsOf(small), paramsOf(extended.slice(0, 6)));
});

test("tpe: startup trials are the random sampler's trials", () => {
  const t = createSampler({ kind: "tpe", space: mixed, seed: 4, goal: "minimize", trials: 20 });
  const r = createSampler({ kind: "random", space: mixed, seed: 4, goal: "minimize", trials: 20 });
  for (let i = 0; i < 10; i++) assert.deepEqual(t.propose(i, []), r.propose(i, []));
});

test("tpe: every proposed value lies in its dimension (incl. with failures)", () => {
  const space: Space = [
    ...mixed,
    { name: "c", dim: { kind: "choice", values: [null, true, 2.5, "s"] } },
    { name: "neg", dim: { kind: "int", low: -9, high: 9, step: 3 } },
    { name: "tight", dim: { kind: "uniform", low: 0.5, high: 0.5000001 } },
  ];
  for (const tpe of [{}, { multivariate: false }]) {
    const s = createSampler({ kind: "tpe", space, seed: 11, goal: "maximize", trials: 80, tpe });
    const trials = sequential(s, (p) => (p.c === "s" ? null : mixedObjective(p)));
    for (const t of trials) {
      for (const { name, dim } of space) assert.ok(inDimension(dim, t.params[name]), `${name}=${String(t.params[name])}`);
    }
  }
});

test("tpe: maximize of -f proposes exactly what minimize of f does", () => {
  const f = (p: Params) => mixedObjective(p);
  const neg = (p: Params) => {
    const v = mixedObjective(p);
    return v === null ? null : -v;
  };
  const a = sequential(createSampler({ kind: "tpe", space: mixed, seed: 6, goal: "minimize", trials: 30 }), f);
  const b = sequential(createSampler({ kind: "tpe", space: mixed, seed: 6, goal: "maximize", trials: 30 }), neg);
  assert.deepEqual(paramsOf(a), paramsOf(b));
});

test("tpe: all trials failed still yields valid proposals", () => {
  const s = createSampler({ kind: "tpe", space: mixed, seed: 6, goal: "minimize", trials: 20 });
  const trials = sequential(s, () => null);
  assert.equal(trials.length, 20);
  for (const t of trials) for (const { name, dim } of mixed) assert.ok(inDimension(dim, t.params[name]));
});

test("tpe beats random on a 3-d quadratic (fixed seed, deterministic)", () => {
  const space: Space = ["x", "y", "z"].map((name) => ({ name, dim: { kind: "uniform" as const, low: -1, high: 1 } }));
  const f = (p: Params) => ((p.x as number) - 0.3) ** 2 + ((p.y as number) + 0.5) ** 2 + ((p.z as number) - 0.1) ** 2;
  const best = (kind: "tpe" | "random") =>
    Math.min(...sequential(createSampler({ kind, space, seed: 2023, goal: "minimize", trials: 60 }), f).map((t) => t.value as number));
  const tpe = best("tpe");
  const rnd = best("random");
  assert.ok(tpe < 0.005, `tpe regret ${tpe}`);
  assert.ok(rnd > 0.05, `random regret ${rnd}`);
  assert.ok(tpe < rnd / 3, `tpe ${tpe} vs random ${rnd}`);
});

test("tpe: a reused sampler gives what a fresh one gives (batch memo keyed by history)", () => {
  const mk = () => createSampler({ kind: "tpe", space: mixed, seed: 21, goal: "minimize", trials: 30 });
  const hist = sequential(mk(), mixedObjective, 14);
  const flipped = hist.map((t) => ({ ...t, value: t.value === null ? 1 : -t.value }));
  const reused = mk();
  const a = [11, 12, 13].map((i) => reused.propose(i, hist.slice(0, 10)));
  const b = [13, 12, 11].map((i) => reused.propose(i, flipped.slice(0, 10))).reverse();
  assert.deepEqual(a, [11, 12, 13].map((i) => mk().propose(i, hist.slice(0, 10))));
  assert.deepEqual(b, [11, 12, 13].map((i) => mk().propose(i, flipped.slice(0, 10))));
  assert.notDeepEqual(a, b);
  // the batch's proposals differ from each other (constant liar spreads them)
  assert.equal(new Set(a.map((p) => JSON.stringify(p))).size, 3);
});
