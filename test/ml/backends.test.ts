import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/ml/backend.js";
import { CtrModel, bceTrainable, distillTrainable } from "../../src/ml/ctr.js";
import { createNet } from "../../src/ml/models/index.js";
import { fit, predictSplit, type TrainOptions } from "../../src/ml/train.js";
import { synthDataset } from "./synthetic.js";

const data = synthDataset({ rows: 900, vocabs: [12, 9, 7, 5], seqSlots: 3 });
const opts: TrainOptions = { learningRate: 0.01, epochs: 1, batchSize: 256, l2: 1e-4, patience: 0, metric: "valid.auc", goal: "maximize", seed: 5 };

type Cfg = { model: "crossnet" | "dagfm"; type?: "inner" | "outer" };
const configs: Cfg[] = [{ model: "crossnet" }, { model: "dagfm", type: "inner" }, { model: "dagfm", type: "outer" }];

/** Train 3 steps (one epoch of 720 rows at batch 256) on `backend`; return all params and valid logits. */
async function run(backend: string, cfg: Cfg): Promise<{ params: Map<string, Float32Array>; logits: Float32Array; metrics: Record<string, number> }> {
  assert.equal(await initBackend(backend), backend);
  const m = CtrModel.create(data.layout, { ...cfg, embeddingSize: 4, depth: 2 }, 11);
  const r = fit(bceTrainable(m), data, opts);
  const params = new Map([...m.params()].map(([k, v]) => [k, (v.dataSync() as Float32Array).slice()]));
  const logits = predictSplit({ predict: (b) => m.logits(b) }, data.valid, data.layout.totalSlots);
  m.dispose();
  return { params, logits, metrics: r.metrics };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

for (const cfg of configs) {
  test(`wasm matches cpu after 3 Adam steps: ${cfg.model}${cfg.type ? " " + cfg.type : ""}`, async () => {
    const cpu = await run("cpu", cfg);
    const wasm = await run("wasm", cfg);
    assert.deepEqual([...wasm.params.keys()], [...cpu.params.keys()]);
    for (const [k, v] of cpu.params) {
      const d = maxAbsDiff(v, wasm.params.get(k)!);
      assert.ok(d < 1e-4, `${k}: max |cpu - wasm| = ${d}`);
    }
    assert.ok(maxAbsDiff(cpu.logits, wasm.logits) < 1e-4);
    assert.ok(Math.abs(cpu.metrics["valid.auc"]! - wasm.metrics["valid.auc"]!) < 1e-3);
  });
}

test("wasm matches cpu on a distillation step (frozen teacher, student on MSE + BCE)", async () => {
  const out: Float32Array[] = [];
  for (const backend of ["cpu", "wasm"]) {
    await initBackend(backend);
    const teacher = CtrModel.create(data.layout, { model: "crossnet", embeddingSize: 4, depth: 2 }, 3);
    const student = createNet({ model: "dagfm", type: "outer", embeddingSize: 4, depth: 2, fields: data.layout.fields.length }, 4);
    const before = (teacher.embedding.table.dataSync() as Float32Array).slice();
    fit(distillTrainable(teacher, student, 0.5, 2), data, opts);
    // the teacher's embedding table is frozen during distillation
    assert.equal(maxAbsDiff(before, teacher.embedding.table.dataSync() as Float32Array), 0);
    out.push((student.params.get("dagfm.p0")!.dataSync() as Float32Array).slice());
    student.dispose();
    teacher.dispose();
  }
  assert.ok(maxAbsDiff(out[0]!, out[1]!) < 1e-4);
});
