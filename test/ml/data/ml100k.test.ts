import { test } from "node:test";
import assert from "node:assert/strict";
import { datasetDigest, loadDataset } from "../../../src/ml/data/index.js";
import { ml100kPath, ml100kSkipMessage } from "../../util/ml100k.js";

const path = ml100kPath();
const spec = { format: "recbole" as const, path: path ?? "", label: { field: "rating", threshold: 4, drop: [3] } };

test("ml-100k: rows, positive rate, default features, vocab sizes (seed 2023)", async (t) => {
  if (!path) { t.skip(ml100kSkipMessage()); return; }
  const d = await loadDataset(spec, 2023);
  // 100000 ratings, 27145 of them 3 (dropped); 21201 fives + 34174 fours are positive
  const n = d.train.n + d.valid.n + d.test.n;
  assert.equal(n, 72855);
  assert.deepEqual([d.train.n, d.valid.n, d.test.n], [58285, 7285, 7285]);
  const pos = [d.train, d.valid, d.test].reduce((s, sp) => s + sp.labels.reduce((a, b) => a + b, 0), 0);
  assert.equal(pos, 55375);
  assert.equal(Math.round((pos / n) * 10000) / 10000, 0.7601);
  assert.deepEqual(d.layout.fields.map((f) => f.name), ["user_id", "item_id", "age", "gender", "occupation", "release_year", "class"]);
  assert.deepEqual(d.layout.fields.map((f) => f.kind), ["token", "token", "token", "token", "token", "token", "token_seq"]);
  // vocab = values seen in the train split + 1 OOV id
  assert.deepEqual(d.layout.fields.map((f) => f.vocab), [944, 1619, 62, 3, 22, 74, 20]);
  assert.deepEqual(d.layout.fields.map((f) => f.slots), [1, 1, 1, 1, 1, 1, 6]);
  assert.equal(d.layout.totalVocab, 2744);
  assert.equal(d.layout.totalSlots, 12);
  assert.equal(d.digest, await datasetDigest(spec, 2023));
  assert.match(d.description, /^recbole ml-100k \(72855 rows, 27145 dropped/);
  // unseen items in valid/test fall back to item_id's OOV id (944)
  const item = d.layout.fields[1]!;
  let oov = 0;
  for (let i = 0; i < d.test.n; i++) if (d.test.ids[i * 12 + 1] === item.offset) oov++;
  assert.ok(oov > 0 && oov < 50, `test rows with an OOV item: ${oov}`);
});

test("ml-100k: another seed gives another split, the same feature list", async (t) => {
  if (!path) { t.skip(ml100kSkipMessage()); return; }
  const a = await loadDataset(spec, 1), b = await loadDataset(spec, 2);
  assert.notEqual(a.digest, b.digest);
  assert.notDeepEqual(a.valid.labels, b.valid.labels);
  assert.deepEqual(a.layout.fields.map((f) => f.name), b.layout.fields.map((f) => f.name));
});
