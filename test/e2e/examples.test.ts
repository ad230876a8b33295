import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, dagtune, lastLock } from "./cli.js";
import { ml100kPath, ml100kSkipMessage } from "../util/ml100k.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dagtune-examples-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("pipelines/shell_example.yaml: Python scripts as stages, dim carried into the finetune", () => {
  const store = path.join(tmp, "shell");
  const r = dagtune(["run", path.join(ROOT, "pipelines/shell_example.yaml"), "--store", store, "--concurrency", "2"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const lock = lastLock(store);
  const best = lock.nodes.pretrain.selected;
  assert.equal(lock.nodes.pretrain.trials.length, 6);
  assert.equal(lock.nodes.finetune.trials.length, 10);
  for (const t of lock.nodes.finetune.trials) {
    assert.equal(t.carried.dim.origin, "pretrain");
    assert.equal(t.carried.dim.from, `pretrain@${best.index}`);
    assert.equal(t.params.dim, lock.nodes.pretrain.trials[best.index].params.dim);
  }
});

test("pipelines/kd_dagfm_ml100k.yaml on MovieLens-100k with small budgets: teacher -> distill -> finetune", (t) => {
  const data = ml100kPath();
  if (!data) return t.skip(ml100kSkipMessage());
  const store = path.join(tmp, "ml100k");
  const r = dagtune([
    "run",
    path.join(ROOT, "pipelines/kd_dagfm_ml100k.yaml"),
    "--store",
    store,
    "--set",
    `dataset.path=${JSON.stringify(data)}`,
    "--set",
    "nodes.teacher.search.space.embedding_size=[16]",
    "--set",
    "nodes.teacher.search.space.learning_rate=[0.003]",
    "--set",
    "nodes.teacher.params.epochs=2",
    "--set",
    "nodes.distill.params.epochs=2",
    "--set",
    "nodes.distill.search.trials=2",
    "--set",
    "nodes.finetune.params.epochs=1",
    "--set",
    "nodes.finetune.search.trials=1",
    "--backend",
    "wasm",
  ]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const lock = lastLock(store);
  const teacher = lock.nodes.teacher.trials[0];
  assert.equal(teacher.metrics["test.auc"] > 0.83, true, `teacher test.auc ${teacher.metrics["test.auc"]}`);
  const ft = lock.nodes.finetune.trials[0];
  assert.deepEqual(ft.carried.embedding_size, { value: 16, from: `distill@${lock.nodes.distill.selected.index}`, origin: "teacher" });
  assert.equal(typeof ft.metrics["test.auc"], "number");
  assert.match(r.stdout, /finetune\s+succeeded/);
  console.log(`ml-100k small run: teacher test.auc=${teacher.metrics["test.auc"]}, finetuned student test.auc=${ft.metrics["test.auc"]}`);
});

test("a dataset path that does not exist: exit 2 at the dataset.path line, nothing run or recorded", () => {
  const store = path.join(tmp, "missing-data");
  const r = dagtune(["run", path.join(ROOT, "pipelines/kd_dagfm_ml100k.yaml"), "--store", store, "--set", "dataset.path=/nonexistent/ml-100k"]);
  assert.equal(r.code, 2, r.stderr + r.stdout);
  assert.match(r.stderr, /kd_dagfm_ml100k\.yaml:14:3: error E_DATA_MISSING_FILE: dataset \/nonexistent\/ml-100k/);
  assert.equal(fs.existsSync(store), false);
});
