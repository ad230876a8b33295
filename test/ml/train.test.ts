import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend, tf } from "../../src/ml/backend.js";
import { CtrModel, bceTrainable } from "../../src/ml/ctr.js";
import { fit, type TrainOptions } from "../../src/ml/train.js";
import type { TrialProgress } from "../../src/tasks/types.js";
import { synthDataset } from "./synthetic.js";

const data = synthDataset({ rows: 5000 });
const base: TrainOptions = { learningRate: 0.01, epochs: 6, batchSize: 256, l2: 0, patience: 2, metric: "valid.auc", goal: "maximize", seed: 9 };

function train(model: "crossnet" | "dagfm", opts: Partial<TrainOptions> = {}, seed = 1) {
  const m = CtrModel.create(data.layout, { model, type: "inner", embeddingSize: 8, depth: 2 }, seed);
  const reports: TrialProgress[] = [];
  const r = fit(bceTrainable(m), data, { ...base, ...opts, report: (p) => reports.push(p) });
  m.dispose();
  return { r, reports };
}

test("a tiny CrossNet learns planted interactions above AUC 0.7 in a few epochs, reporting every epoch", async () => {
  await initBackend("wasm");
  const { r, reports } = train("crossnet");
  assert.ok(r.metrics["test.auc"]! > 0.7, `test.auc ${r.metrics["test.auc"]}`);
  assert.ok(r.metrics["valid.auc"]! > 0.7);
  assert.ok(r.metrics["test.logloss"]! < 0.69);
  assert.deepEqual(reports.map((p) => p.epoch), Array.from({ length: r.epochsRun }, (_, i) => i + 1));
  assert.equal(reports[0]!.epochs, 6);
  assert.ok("valid.auc" in reports[0]!.metrics && "train.loss" in reports[0]!.metrics);
  // the restored weights are the best epoch's: its reported valid.auc is the final one
  assert.equal(reports[r.bestEpoch - 1]!.metrics["valid.auc"], r.metrics["valid.auc"]);
  assert.equal(r.metrics["best_epoch"], r.bestEpoch);
});

test("a tiny DAGFM learns above AUC 0.7, and training leaks no tensors", async () => {
  await initBackend("wasm");
  const before = tf.memory().numTensors;
  const { r } = train("dagfm", { l2: 1e-5 });
  assert.ok(r.metrics["test.auc"]! > 0.7, `test.auc ${r.metrics["test.auc"]}`);
  assert.equal(tf.memory().numTensors, before);
});

test("same seed and backend: identical metrics; another seed: different", async () => {
  await initBackend("wasm");
  const a = train("dagfm", { epochs: 2 }).r.metrics;
  const b = train("dagfm", { epochs: 2 }).r.metrics;
  assert.deepEqual(a, b);
  const c = train("dagfm", { epochs: 2, seed: 10 }).r.metrics;
  assert.notEqual(c["valid.logloss"], a["valid.logloss"]);
});

test("early stopping: stops after `patience` epochs without improvement (minimize logloss)", async () => {
  await initBackend("wasm");
  // a huge learning rate makes validation logloss worse after the first epochs
  const { r, reports } = train("crossnet", { learningRate: 0.5, epochs: 12, patience: 1, metric: "valid.logloss", goal: "minimize" });
  assert.equal(r.epochsRun, reports.length);
  assert.ok(r.epochsRun < 12);
  assert.equal(r.epochsRun, r.bestEpoch + 1);
  const best = Math.min(...reports.map((p) => p.metrics["valid.logloss"]!));
  assert.equal(r.metrics["valid.logloss"], best);
});
