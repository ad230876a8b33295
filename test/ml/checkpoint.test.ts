import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../src/ml/backend.js";
import { CtrModel } from "../../src/ml/ctr.js";
import { predictSplit } from "../../src/ml/train.js";
import {
  CheckpointError,
  CheckpointMismatchError,
  checkCheckpoint,
  loadParams,
  readCheckpoint,
  saveCheckpoint,
  type CheckpointInfo,
} from "../../src/ml/checkpoint.js";
import { synthDataset } from "./synthetic.js";

const data = synthDataset({ rows: 400 });
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "dagtune-ck-"));
const info = (o: Partial<CheckpointInfo> = {}): CheckpointInfo => ({
  task: "ctr.train",
  model: "dagfm",
  embedding_size: 8,
  depth: 2,
  type: "outer",
  fields: data.layout.fields.length,
  feature_layout_digest: data.layout.digest,
  dataset_digest: data.digest,
  backend: "cpu",
  ...o,
});

test("checkpoint round trip: a fresh model loaded from disk predicts identically", async () => {
  await initBackend("cpu");
  const dir = tmp();
  const a = CtrModel.create(data.layout, { model: "dagfm", type: "outer", embeddingSize: 8, depth: 2 }, 1);
  const meta = saveCheckpoint(dir, info(), a.params());
  assert.deepEqual(fs.readdirSync(dir).sort(), ["model.json", "weights.bin"]);
  assert.equal(meta.params[0]!.name, "embedding.table");
  assert.deepEqual(meta.params.find((p) => p.name === "dagfm.p0")!.shape, [5, 5, 8]);
  const b = CtrModel.create(data.layout, { model: "dagfm", type: "outer", embeddingSize: 8, depth: 2 }, 2);
  const slots = data.layout.totalSlots;
  const pa = predictSplit({ predict: (x) => a.logits(x) }, data.test, slots);
  const before = predictSplit({ predict: (x) => b.logits(x) }, data.test, slots);
  assert.notDeepEqual(Array.from(before), Array.from(pa));
  const ck = readCheckpoint(dir);
  checkCheckpoint(ck, { model: "dagfm", type: "outer", embedding_size: 8, depth: 2, feature_layout_digest: data.layout.digest, dataset_digest: data.digest }, "student");
  loadParams(ck, b.params(), "student");
  assert.deepEqual(Array.from(predictSplit({ predict: (x) => b.logits(x) }, data.test, slots)), Array.from(pa));
  a.dispose();
  b.dispose();
});

test("checkpoint mismatches name the param and both values", async () => {
  await initBackend("cpu");
  const dir = tmp();
  const a = CtrModel.create(data.layout, { model: "crossnet", embeddingSize: 16, depth: 3 }, 1);
  saveCheckpoint(dir, info({ model: "crossnet", embedding_size: 16, depth: 3, type: null }), a.params());
  const ck = readCheckpoint(dir, "teacher");
  const cases: [Parameters<typeof checkCheckpoint>[1], string, unknown, unknown][] = [
    [{ embedding_size: 8 }, "embedding_size", 16, 8],
    [{ model: "dagfm" }, "model", "crossnet", "dagfm"],
    [{ embedding_size: 16, depth: 2 }, "depth", 3, 2],
    [{ dataset_digest: "other" }, "dataset_digest", data.digest, "other"],
    [{ feature_layout_digest: "other-layout" }, "feature_layout_digest", data.layout.digest, "other-layout"],
  ];
  for (const [expect, param, actual, expected] of cases) {
    assert.throws(
      () => checkCheckpoint(ck, expect, "teacher"),
      (e: unknown) => e instanceof CheckpointMismatchError && e.param === param && e.actual === actual && e.expected === expected && e.role === "teacher",
    );
  }
  // shapes: loading a 16-dim checkpoint into an 8-dim model is a mismatch on the first param, not a tensor error
  const small = CtrModel.create(data.layout, { model: "crossnet", embeddingSize: 8, depth: 3 }, 1);
  assert.throws(
    () => loadParams(ck, small.params(), "teacher"),
    (e: unknown) =>
      e instanceof CheckpointMismatchError &&
      e.param === "shape of embedding.table" &&
      e.actual === `[${data.layout.totalVocab}, 16]` &&
      e.expected === `[${data.layout.totalVocab}, 8]`,
  );
  // a param the checkpoint lacks
  const dag = CtrModel.create(data.layout, { model: "dagfm", type: "inner", embeddingSize: 16, depth: 3 }, 1);
  assert.throws(() => loadParams(ck, dag.params(), "teacher"), (e: unknown) => e instanceof CheckpointMismatchError && e.param === "param dagfm.connect" && e.actual === null);
  a.dispose();
  small.dispose();
  dag.dispose();
});

test("corrupted or missing checkpoint files are CheckpointErrors", async () => {
  await initBackend("cpu");
  const dir = tmp();
  assert.throws(() => readCheckpoint(dir, "teacher"), (e: unknown) => e instanceof CheckpointError && e.dir === dir);
  const a = CtrModel.create(data.layout, { model: "crossnet", embeddingSize: 4, depth: 1 }, 1);
  saveCheckpoint(dir, info({ model: "crossnet", embedding_size: 4, depth: 1, type: null }), a.params());
  const w = path.join(dir, "weights.bin");
  const buf = fs.readFileSync(w);
  buf[10] = buf[10]! ^ 0xff;
  fs.writeFileSync(w, buf);
  assert.throws(() => readCheckpoint(dir, "teacher"), (e: unknown) => e instanceof CheckpointError && /sha256/.test((e as Error).message));
  a.dispose();
});
