import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ctrRunners, setDatasetLoader } from "../../src/tasks/ctr/index.js";
import { CheckpointMismatchError } from "../../src/ml/checkpoint.js";
import type { TrialContext, TrialProgress } from "../../src/tasks/types.js";
import type { Params } from "../../src/spec/types.js";
import { synthDataset } from "./synthetic.js";

const data = synthDataset({ rows: 3000 });
const seen: number[] = [];
setDatasetLoader(async (_spec, seed) => {
  seen.push(seed);
  return data;
});
const root = fs.mkdtempSync(path.join(os.tmpdir(), "dagtune-ctr-"));
const common = { learning_rate: 0.01, epochs: 3, batch_size: 256, l2: 0, patience: 2 };

function ctx(node: string, params: Params, inputs: Record<string, string> = {}): { c: TrialContext; reports: TrialProgress[] } {
  const out = path.join(root, node);
  fs.mkdirSync(out);
  const reports: TrialProgress[] = [];
  const c: TrialContext = {
    node,
    index: 0,
    trial: `${node}@0`,
    params,
    inputs,
    out,
    seed: 42,
    dataset: { format: "synthetic", options: { split_seed: 77 } },
    metric: "valid.auc",
    goal: "maximize",
    backend: "wasm",
    report: (p) => reports.push(p),
  };
  return { c, reports };
}

test("ctr.train -> ctr.distill -> ctr.finetune: metrics, progress, checkpoints only in ctx.out", async () => {
  const t = ctx("teacher", { model: "crossnet", embedding_size: 8, depth: 2, type: "inner", ...common });
  const tm = await ctrRunners["ctr.train"]!(t.c);
  for (const k of ["valid.auc", "valid.logloss", "test.auc", "test.logloss"]) assert.ok(Number.isFinite(tm[k]), k);
  assert.ok(tm["test.auc"]! > 0.7);
  assert.ok(t.reports.length >= 1 && t.reports[0]!.epochs === 3);
  assert.deepEqual(fs.readdirSync(t.c.out).sort(), ["model.json", "weights.bin"]);
  const meta = JSON.parse(fs.readFileSync(path.join(t.c.out, "model.json"), "utf8"));
  assert.equal(meta.model, "crossnet");
  assert.equal(meta.embedding_size, 8);
  assert.equal(meta.type, null);
  assert.equal(meta.backend, "wasm");
  assert.equal(meta.dataset_digest, data.digest);

  const d = ctx("distill", { type: "outer", depth: 2, embedding_size: 8, teacher_model: "crossnet", teacher_depth: 2, alpha: 1, beta: 1, ...common, epochs: 8 }, { teacher: t.c.out });
  const dm = await ctrRunners["ctr.distill"]!(d.c);
  assert.ok(dm["test.auc"]! > 0.7, JSON.stringify({ tm, dm, r: d.reports }));
  const dmeta = JSON.parse(fs.readFileSync(path.join(d.c.out, "model.json"), "utf8"));
  assert.equal(dmeta.model, "dagfm");
  assert.equal(dmeta.type, "outer");
  // the student carries the teacher's (frozen) embedding table
  const tw = fs.readFileSync(path.join(t.c.out, "weights.bin"));
  const dw = fs.readFileSync(path.join(d.c.out, "weights.bin"));
  const embBytes = 4 * data.layout.totalVocab * 8;
  assert.ok(tw.subarray(0, embBytes).equals(dw.subarray(0, embBytes)));

  const f = ctx("finetune", { type: "outer", depth: 2, embedding_size: 8, ...common }, { student: d.c.out });
  const fm = await ctrRunners["ctr.finetune"]!(f.c);
  assert.ok(fm["test.auc"]! > 0.7);
  assert.deepEqual(fs.readdirSync(root).sort(), ["distill", "finetune", "teacher"]);
  // every runner loaded the data with the pipeline's split seed
  assert.deepEqual([...new Set(seen)], [77]);
});

test("distill refuses a teacher of another embedding_size with a CheckpointMismatchError", async () => {
  const t = ctx("teacher16", { model: "crossnet", embedding_size: 16, depth: 1, type: "inner", ...common, epochs: 1 });
  await ctrRunners["ctr.train"]!(t.c);
  const d = ctx("distill8", { type: "inner", depth: 2, embedding_size: 8, teacher_model: "crossnet", teacher_depth: 1, alpha: 1, beta: 1, ...common }, { teacher: t.c.out });
  await assert.rejects(ctrRunners["ctr.distill"]!(d.c), (e: unknown) => e instanceof CheckpointMismatchError && e.param === "embedding_size" && e.actual === 16 && e.expected === 8);
  const f = ctx("finetune-on-teacher", { type: "inner", depth: 1, embedding_size: 16, ...common }, { student: t.c.out });
  await assert.rejects(ctrRunners["ctr.finetune"]!(f.c), (e: unknown) => e instanceof CheckpointMismatchError && e.param === "model" && e.actual === "crossnet" && e.expected === "dagfm");
});
