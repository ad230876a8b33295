import { test } from "node:test";
import assert from "node:assert/strict";
import { datasetDigest, generateSynthetic, loadDataset, syntheticOptions, DataError } from "../../../src/ml/data/index.js";

/** Exact tie-aware AUC (Mann-Whitney). */
function auc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rank = 0, np = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!]) { rank += avg; np++; }
    i = j + 1;
  }
  const nn = y.length - np;
  return (rank - (np * (np + 1)) / 2) / (np * nn);
}

test("auc helper on a hand-computed case with ties", () => {
  // scores 0.1(0) 0.4(1) 0.4(0) 0.8(1): pairs (pos>neg) = 1 + 0.5 + 1 + 1 = 3.5 of 4
  assert.equal(auc([0.1, 0.4, 0.4, 0.8], [0, 1, 0, 1]), 0.875);
});

test("synthetic defaults: 50k rows, 8 token fields, deterministic from the seed", () => {
  const o = syntheticOptions(undefined, "x");
  assert.deepEqual(o, { rows: 50000, fields: 8, vocab: [12, 24, 40, 60, 100, 150, 30, 80], seed: 1, noise: 0.05, pairs: 8, triples: 3 });
  const a = generateSynthetic({ ...o, rows: 2000 }), b = generateSynthetic({ ...o, rows: 2000 });
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(a.columns[3], b.columns[3]);
  const c = generateSynthetic({ ...o, rows: 2000, seed: 2 });
  assert.notDeepEqual(a.labels, c.labels);
  assert.equal(a.pairs.length, 8);
  assert.equal(a.triples.length, 3);
});

test("synthetic labels carry interactions a first-order model cannot see", () => {
  const g = generateSynthetic(syntheticOptions({ rows: 20000 }, "x"));
  const oracle = auc(g.logit, g.labels);
  const firstOrder = auc(g.firstOrder, g.labels);
  const rate = g.labels.reduce((s, y) => s + y, 0) / g.labels.length;
  assert.ok(oracle > 0.84 && oracle < 0.92, `oracle AUC ${oracle}`);
  assert.ok(firstOrder > 0.55 && firstOrder < 0.7, `first-order AUC ${firstOrder}`);
  assert.ok(oracle - firstOrder > 0.15, `interaction gain ${oracle - firstOrder}`);
  assert.ok(rate > 0.4 && rate < 0.65, `positive rate ${rate}`);
});

test("noise lowers the reachable AUC", () => {
  const clean = generateSynthetic(syntheticOptions({ rows: 20000, noise: 0 }, "x"));
  const noisy = generateSynthetic(syntheticOptions({ rows: 20000, noise: 0.3 }, "x"));
  assert.ok(auc(clean.logit, clean.labels) - auc(noisy.logit, noisy.labels) > 0.1);
});

test("loadDataset(synthetic): layout, split, digest = options (no files)", async () => {
  const spec = { format: "synthetic" as const, options: { rows: 1000, fields: 4, vocab: [5, 6, 7, 8] } };
  const d = await loadDataset(spec, 3);
  assert.deepEqual(d.layout.fields.map((f) => f.name), ["f0", "f1", "f2", "f3"]);
  assert.deepEqual([d.train.n, d.valid.n, d.test.n], [800, 100, 100]);
  for (const f of d.layout.fields) assert.ok(f.vocab >= 2 && f.vocab <= 9);
  assert.equal(d.digest, await datasetDigest(spec, 3));
  // defaults written out or left implicit: same digest
  const explicit = { format: "synthetic" as const, options: { rows: 1000, fields: 4, vocab: [5, 6, 7, 8], seed: 1, noise: 0.05 } };
  assert.equal(await datasetDigest(explicit, 3), d.digest);
  assert.notEqual(await datasetDigest({ ...spec, options: { ...spec.options, seed: 2 } }, 3), d.digest);
  assert.notEqual(await datasetDigest(spec, 4), d.digest);
  const sub = await loadDataset({ ...spec, fields: ["f2", "f0"] }, 3);
  assert.deepEqual(sub.layout.fields.map((f) => f.name), ["f2", "f0"]);
});

test("bad synthetic options are DataErrors", async () => {
  for (const options of [{ rows: -1 }, { vocab: [1, 2] }, { noise: 0.7 }, { fields: 1 }, { rowz: 3 }]) {
    await assert.rejects(loadDataset({ format: "synthetic", options }, 1), (e: unknown) => e instanceof DataError && e.code === "E_DATA_BAD_OPTION");
  }
});
