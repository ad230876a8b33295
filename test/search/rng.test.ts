import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng } from "../../src/search/rng.js";
import { seedFor } from "../../src/search/seed.js";
import { logGaussMass, logNdtr, ndtr, ndtri, truncNormalSample } from "../../src/search/normal.js";

test("Rng: pinned stream (same on every platform)", () => {
  const r = new Rng(42);
  assert.deepEqual([r.nextUint32(), r.nextUint32(), r.nextUint32()], [3825871779, 1851418855, 1383259262]);
  assert.equal(new Rng(0).next(), 0.12763400566170402);
});

test("Rng: next() in [0,1), mean ~ 0.5, int(n) covers [0,n)", () => {
  const r = new Rng(7);
  let sum = 0;
  const counts = new Array<number>(5).fill(0);
  for (let i = 0; i < 20000; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    sum += u;
    counts[r.int(5)]!++;
  }
  assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01, `mean ${sum / 20000}`);
  for (const c of counts) assert.ok(c > 3800 && c < 4200, `int counts ${counts}`);
});

test("seedFor: pinned values; strings and numbers differ; order matters", () => {
  assert.equal(seedFor(2023, "distill", 0), 3030431853);
  assert.equal(seedFor(2023, "distill", "sampler"), 1476521038);
  assert.equal(seedFor(2023, "distill", "0"), 3056934061);
  assert.equal(seedFor(0), 1896170017);
  assert.notEqual(seedFor(1, "a", "b"), seedFor(1, "b", "a"));
  assert.notEqual(seedFor(1, "ab"), seedFor(1, "a", "b"));
  const s = seedFor(99, "node", 3);
  assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 32);
  assert.throws(() => seedFor(NaN), RangeError);
});

test("normal helpers match reference values", () => {
  assert.ok(Math.abs(ndtri(0.975) - 1.959963984540054) < 1e-6);
  assert.ok(Math.abs(ndtri(0.01) + 2.3263478740408408) < 1e-6);
  assert.equal(ndtri(0.5), 0);
  assert.ok(Math.abs(ndtr(1) - 0.8413447460685429) < 1e-7);
  // log Phi(-40) = -804.6084420137538 (no underflow)
  assert.ok(Math.abs(logNdtr(-40) - -804.6084420137538) < 1e-4);
  assert.ok(Math.abs(logGaussMass(-1, 1) - Math.log(0.6826894921370859)) < 1e-6);
  assert.ok(Math.abs(logGaussMass(30, 31) - (logNdtr(-30))) < 1e-3);
});

test("truncated normal samples stay in bounds and have the right mean", () => {
  const r = new Rng(3);
  let sum = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const x = truncNormalSample(0.2, 0.5, 0, 1, r.next());
    assert.ok(x >= 0 && x <= 1);
    sum += x;
  }
  // exact mean of N(0.2, 0.5) truncated to [0, 1] is 0.41425
  assert.ok(Math.abs(sum / n - 0.41425) < 0.006, `mean ${sum / n}`);
});
