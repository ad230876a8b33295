import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as path from "node:path";
import { loadPipeline } from "../../src/index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

test("pipelines/kd_dagfm.yaml loads: teacher -> distill -> finetune on the synthetic dataset", async () => {
  const r = await loadPipeline(path.join(root, "pipelines/kd_dagfm.yaml"));
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.diagnostics));
  if (!r.ok) return;
  assert.deepEqual(r.warnings, []);
  const p = r.pipeline;
  assert.equal(p.name, "kd-dagfm");
  assert.equal(p.seed, 2023);
  assert.deepEqual(p.dataset?.format, "synthetic");
  assert.deepEqual(p.nodes.map((n) => [n.name, n.task, n.inputs.map((i) => `${i.name}<-${i.node}:${i.select.kind}`)]), [
    ["teacher", "ctr.train", []],
    ["distill", "ctr.distill", ["teacher<-teacher:best"]],
    ["finetune", "ctr.finetune", ["student<-distill:best"]],
  ]);
  assert.deepEqual(p.nodes.map((n) => [n.search?.sampler, n.search?.trials]), [["grid", undefined], ["tpe", 10], ["random", 4]]);
});

test("pipelines/kd_dagfm_ml100k.yaml: recbole, path relative to pipelines/, overridable with --set", async () => {
  const r = await loadPipeline(path.join(root, "pipelines/kd_dagfm_ml100k.yaml"));
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.pipeline.dataset?.path, path.resolve(root, "../shared/data/ml-100k"));
  assert.deepEqual(r.pipeline.dataset?.label, { field: "rating", threshold: 4, drop: [3] });
  const o = await loadPipeline(path.join(root, "pipelines/kd_dagfm_ml100k.yaml"), { set: ["dataset.path=/data/ml-100k"] });
  assert.equal(o.ok && o.pipeline.dataset?.path, "/data/ml-100k");
});

test("loadPipeline: missing file and folder are diagnostics, not throws", async () => {
  const m = await loadPipeline(path.join(root, "pipelines/nope.yaml"));
  assert.equal(m.ok, false);
  assert.deepEqual(!m.ok && m.diagnostics.map((d) => d.code), ["E_FILE_NOT_FOUND"]);
  const d = await loadPipeline(path.join(root, "pipelines"));
  assert.deepEqual(!d.ok && d.diagnostics.map((x) => x.code), ["E_FILE_READ"]);
});
