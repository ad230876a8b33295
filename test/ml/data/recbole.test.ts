import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetDigest, loadDataset, DataError } from "../../../src/ml/data/index.js";
import type { DatasetSpec } from "../../../src/spec/types.js";
import { tinyRecbole, tsv, writeFixture } from "./fixtures.js";

const LABEL = { field: "rating", threshold: 4, drop: [3] };
const spec = (path: string, extra: Partial<DatasetSpec> = {}): DatasetSpec => ({ format: "recbole", path, label: LABEL, ...extra });

async function rejects(p: Promise<unknown>): Promise<DataError> {
  try { await p; } catch (e) { if (e instanceof DataError) return e; throw e; }
  assert.fail("expected a DataError");
}

test("joins .user/.item onto .inter; default fields; label threshold and drop counts", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const d = await loadDataset(spec(dir), 7);
  // 12 rows, two rating-3 rows dropped; positives: ratings 5,4,5,4,5,4
  assert.equal(d.train.n + d.valid.n + d.test.n, 10);
  assert.equal(d.valid.n, 1);
  assert.equal(d.test.n, 1);
  const pos = [d.train, d.valid, d.test].reduce((s, sp) => s + sp.labels.reduce((a, b) => a + b, 0), 0);
  assert.equal(pos, 6);
  assert.deepEqual(d.layout.fields.map((f) => [f.name, f.kind]), [
    ["user_id", "token"], ["item_id", "token"], ["age", "float"], ["gender", "token"], ["class", "token_seq"], ["year", "token"],
  ]);
  assert.match(d.description, /^recbole tiny \(10 rows, 2 dropped/);
  // offsets are cumulative, slots: class = longest train sequence (<= 3)
  let off = 0;
  for (const f of d.layout.fields) { assert.equal(f.offset, off); off += f.vocab; }
  assert.equal(d.layout.totalVocab, off);
  assert.equal(d.layout.totalSlots, d.layout.fields.reduce((s, f) => s + f.slots, 0));
  assert.equal(d.layout.slotField.length, d.layout.totalSlots);
});

test("the same data loaded via the folder or the .inter file gives the same digest and encoding", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const a = await loadDataset(spec(dir), 3);
  const b = await loadDataset(spec(join(dir, "tiny.inter")), 3);
  assert.equal(a.digest, b.digest);
  assert.equal(a.layout.digest, b.layout.digest);
  assert.deepEqual(a.train.ids, b.train.ids);
  assert.equal(a.digest, await datasetDigest(spec(dir), 3));
});

test("token_seq weights: 1/len per token, 0 padding, an empty sequence is one OOV slot of weight 1", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const d = await loadDataset(spec(dir, { fields: ["item_id", "class"] }), 11);
  const cls = d.layout.fields[1]!;
  assert.equal(cls.kind, "token_seq");
  const S = d.layout.totalSlots;
  for (const sp of [d.train, d.valid, d.test]) {
    for (let i = 0; i < sp.n; i++) {
      let sum = 0;
      const ws: number[] = [];
      for (let k = 0; k < cls.slots; k++) {
        const w = sp.weights[i * S + 1 + k]!;
        const id = sp.ids[i * S + 1 + k]!;
        assert.ok(id >= cls.offset && id < cls.offset + cls.vocab);
        if (w === 0) assert.equal(id, cls.offset); // padding uses the OOV/pad id
        sum += w;
        if (w > 0) ws.push(w);
      }
      assert.ok(Math.abs(sum - 1) < 1e-6, `row ${i} weights sum to ${sum}`);
      for (const w of ws) assert.ok(Math.abs(w - 1 / ws.length) < 1e-6);
    }
  }
});

test("float fields are standardised with train mean/std; a missing value has weight 0", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const d = await loadDataset(spec(dir, { fields: ["user_id", "age"] }), 5);
  const age = d.layout.fields[1]!;
  assert.equal(age.vocab, 1);
  const S = d.layout.totalSlots;
  const tr = d.train;
  // mean of non-missing standardized train weights is 0 (missing -> exactly 0 too)
  let s = 0, s2 = 0, k = 0;
  for (let i = 0; i < tr.n; i++) {
    assert.equal(tr.ids[i * S + 1], age.offset);
    const w = tr.weights[i * S + 1]!;
    s += w; s2 += w * w; k++;
  }
  assert.ok(Math.abs(s) < 1e-5, `sum ${s}`);
  assert.ok(s2 > 0);
});

test("float encoding: (v - train mean) / train std, missing -> weight 0, one id per field", async () => {
  const { encode } = await import("../../../src/ml/data/encode.js");
  const col = { kind: "float" as const, name: "x", file: "f", values: Float64Array.from([1, 3, NaN, 5]) };
  const e = encode([col], Int32Array.from([0, 1, 2, 3]), Uint8Array.from([0, 1, 0, 1]), { train: Int32Array.from([0, 1]), valid: Int32Array.from([2]), test: Int32Array.from([3]) }, { maxSeqLen: 8 });
  assert.deepEqual(e.layout.fields[0], { name: "x", kind: "float", offset: 0, vocab: 1, slots: 1 });
  assert.deepEqual([...e.train.weights], [-1, 1]);
  assert.deepEqual([...e.valid.weights], [0]);
  assert.deepEqual([...e.test.weights], [3]);
  assert.deepEqual([...e.test.ids], [0]);
});

test("valid/test tokens unseen in train map to the field's OOV id", async () => {
  const { encode } = await import("../../../src/ml/data/encode.js");
  const col = { kind: "token" as const, name: "t", file: "f", dict: ["a", "b", "c"], codes: Int32Array.from([0, 1, 0, 2, -1]) };
  const rows = Int32Array.from([0, 1, 2, 3, 4]);
  const labels = Uint8Array.from([1, 0, 1, 0, 1]);
  const e = encode([col], rows, labels, { train: Int32Array.from([0, 1, 2]), valid: Int32Array.from([3]), test: Int32Array.from([4]) }, { maxSeqLen: 8 });
  assert.equal(e.layout.fields[0]!.vocab, 3); // OOV + a + b
  assert.deepEqual([...e.train.ids], [1, 2, 1]);
  assert.deepEqual([...e.valid.ids], [0]); // 'c' unseen in train
  assert.deepEqual([...e.test.ids], [0]); // missing
  assert.deepEqual([...e.test.labels], [1]);
});

test("a token_seq longer than max_seq_len keeps its first tokens, weight 1/max_seq_len", async () => {
  const { encode } = await import("../../../src/ml/data/encode.js");
  const col = { kind: "token_seq" as const, name: "s", file: "f", dict: ["a", "b", "c"], starts: Int32Array.from([0, 3, 4]), codes: Int32Array.from([0, 1, 2, 2]) };
  const e = encode([col], Int32Array.from([0, 1]), Uint8Array.from([1, 0]), { train: Int32Array.from([0, 1]), valid: new Int32Array(0), test: new Int32Array(0) }, { maxSeqLen: 2 });
  assert.equal(e.layout.fields[0]!.slots, 2);
  assert.deepEqual([...e.train.ids], [1, 2, 3, 0]);
  assert.deepEqual([...e.train.weights], [0.5, 0.5, 1, 0]);
});

test("dataset digest: unchanged when the folder is copied elsewhere, changed by a byte, settings or seed", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const d0 = await datasetDigest(spec(dir), 1);
  const copy = join(mkdtempSync(join(tmpdir(), "dagtune-copy-")), "tiny");
  cpSync(dir, copy, { recursive: true });
  assert.equal(await datasetDigest(spec(copy), 1), d0);
  const item = join(copy, "tiny.item");
  writeFileSync(item, readFileSync(item, "utf8").replace("Drama\t1990", "Drama\t1991"));
  assert.notEqual(await datasetDigest(spec(copy), 1), d0);
  assert.notEqual(await datasetDigest(spec(dir), 2), d0);
  assert.notEqual(await datasetDigest(spec(dir, { label: { field: "rating", threshold: 5 } }), 1), d0);
  assert.notEqual(await datasetDigest(spec(dir, { fields: ["user_id", "item_id"] }), 1), d0);
  assert.match(d0, /^[0-9a-f]{64}$/);
});

test("layout digest: stable across loads, sensitive to fields and vocabularies", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const a = await loadDataset(spec(dir), 9);
  const b = await loadDataset(spec(dir), 9);
  assert.equal(a.layout.digest, b.layout.digest);
  assert.deepEqual(a.train.ids, b.train.ids);
  const c = await loadDataset(spec(dir, { fields: ["user_id", "item_id", "age", "gender", "class"] }), 9);
  assert.notEqual(c.layout.digest, a.layout.digest);
  const files = tinyRecbole();
  files["tiny.user"] = files["tiny.user"]!.replace("u0\t20\tF", "u0\t20\tX");
  const d = await loadDataset(spec(writeFixture(files, "tiny")), 9);
  assert.notEqual(d.layout.digest, a.layout.digest);
});

test("missing label column, unknown field, missing join column: DataErrors naming file and line", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const noLabel = await rejects(loadDataset(spec(dir, { label: { field: "stars", threshold: 4 } }), 1));
  assert.equal(noLabel.code, "E_DATA_MISSING_LABEL");
  assert.equal(noLabel.file, join(dir, "tiny.inter"));
  assert.equal(noLabel.line, 1);
  assert.match(noLabel.hint ?? "", /rating/);
  const noField = await rejects(loadDataset(spec(dir, { fields: ["user_id", "zip"] }), 1));
  assert.equal(noField.code, "E_DATA_MISSING_COLUMN");
  assert.match(noField.hint ?? "", /gender/);
  const files = tinyRecbole();
  files["tiny.user"] = tsv([["uid:token", "age:float"], ["u0", 1]]);
  const d2 = writeFixture(files, "tiny");
  const noKey = await rejects(loadDataset(spec(d2), 1));
  assert.equal(noKey.code, "E_DATA_MISSING_COLUMN");
  assert.equal(noKey.file, join(d2, "tiny.user"));
  assert.equal(noKey.line, 1);
});

test("a bad row in a side file and a non-numeric label name their line", async () => {
  const files = tinyRecbole();
  files["tiny.item"] = files["tiny.item"]!.replace("i2\t\t1995", "i2\t1995");
  const dir = writeFixture(files, "tiny");
  const e = await rejects(loadDataset(spec(dir), 1));
  assert.equal(e.code, "E_DATA_COLUMN_COUNT");
  assert.equal(e.file, join(dir, "tiny.item"));
  assert.equal(e.line, 4);
  const f2 = tinyRecbole();
  f2["tiny.inter"] = "user_id:token\titem_id:token\trating:token\nu0\ti0\t5\nu1\ti1\tgood\n";
  const e2 = await rejects(loadDataset(spec(writeFixture(f2, "tiny")), 1));
  assert.equal(e2.code, "E_DATA_BAD_LABEL");
  assert.equal(e2.line, 3);
});

test("duplicate ids in .user, missing folder, empty .inter, libfm", async () => {
  const files = tinyRecbole();
  files["tiny.user"] += "u1\t31\tM\n";
  const dir = writeFixture(files, "tiny");
  const dup = await rejects(loadDataset(spec(dir), 1));
  assert.equal(dup.code, "E_DATA_DUPLICATE_KEY");
  assert.equal(dup.line, 6);
  const missing = await rejects(loadDataset(spec(join(dir, "nope")), 1));
  assert.equal(missing.code, "E_DATA_MISSING_FILE");
  const f2 = tinyRecbole();
  f2["tiny.inter"] = "";
  const empty = await rejects(loadDataset(spec(writeFixture(f2, "tiny")), 1));
  assert.equal(empty.code, "E_DATA_EMPTY_FILE");
  assert.equal(empty.line, 1);
  const libfm = await rejects(loadDataset({ format: "libfm", path: dir }, 1));
  assert.equal(libfm.code, "E_DATA_UNSUPPORTED");
  const opt = await rejects(loadDataset(spec(dir, { options: { separatr: "," } }), 1));
  assert.equal(opt.code, "E_DATA_BAD_OPTION");
});

test("options.split_seed (set by the engine) is the split seed for both load and digest", async () => {
  const dir = writeFixture(tinyRecbole(), "tiny");
  const withOpt = spec(dir, { options: { split_seed: 5 } });
  const a = await loadDataset(withOpt, 999);
  assert.equal(a.digest, await datasetDigest(withOpt, 1));
  const b = await loadDataset(spec(dir, { options: { split_seed: 5 } }), 5);
  assert.deepEqual(a.train.labels, b.train.labels);
  assert.deepEqual(a.train.ids, b.train.ids);
  const syn = { format: "synthetic" as const, options: { rows: 100, fields: 3, split_seed: 4 } };
  assert.equal((await loadDataset(syn, 0)).digest, await datasetDigest(syn, 7));
});

test("a header-only .inter and a drop list removing every row are E_DATA_NO_ROWS", async () => {
  const f1 = tinyRecbole();
  f1["tiny.inter"] = "user_id:token\titem_id:token\trating:float\n";
  const e1 = await rejects(loadDataset(spec(writeFixture(f1, "tiny")), 1));
  assert.deepEqual([e1.code, e1.line], ["E_DATA_NO_ROWS", 2]);
  const e2 = await rejects(loadDataset(spec(writeFixture(tinyRecbole(), "tiny"), { label: { field: "rating", threshold: 4, drop: [1, 2, 3, 4, 5] } }), 1));
  assert.equal(e2.code, "E_DATA_NO_ROWS");
});

test("a float_seq column is skipped by default and rejected when selected", async () => {
  const files = tinyRecbole();
  files["tiny.item"] = tsv([["item_id:token", "emb:float_seq"], ["i0", "0.1 0.2"], ["i1", "0.3 0.4"], ["i2", "1 2"], ["i3", "3 4"]]);
  const dir = writeFixture(files, "tiny");
  const d = await loadDataset(spec(dir), 1);
  assert.deepEqual(d.layout.fields.map((f) => f.name), ["user_id", "item_id", "age", "gender"]);
  const e = await rejects(loadDataset(spec(dir, { fields: ["item_id", "emb"] }), 1));
  assert.equal(e.code, "E_DATA_UNSUPPORTED");
  assert.equal(e.file, join(dir, "tiny.item"));
});
