import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { datasetDigest, loadDataset, DataError } from "../../../src/ml/data/index.js";
import { splitLine } from "../../../src/ml/data/csv.js";
import { writeFixture } from "./fixtures.js";

async function rejects(p: Promise<unknown>): Promise<DataError> {
  try { await p; } catch (e) { if (e instanceof DataError) return e; throw e; }
  assert.fail("expected a DataError");
}

const CSV = [
  "clicked,site,device,price:float,tags,ts",
  '1,a.com,mobile,1.5,"x y",100',
  "0,b.com,desktop,2.5,y,101",
  "1,a.com,,3.5,,102",
  '0,"c,com",mobile,,x,103',
  "1,b.com,mobile,0.5,z x,104",
].join("\n") + "\n";

test("CSV: header names (typed with :type or options.types), quotes, label, default fields", async () => {
  const dir = writeFixture({ "clicks.csv": CSV });
  const spec = { format: "csv" as const, path: join(dir, "clicks.csv"), label: { field: "clicked", threshold: 1 }, options: { types: { tags: "token_seq" } } };
  const d = await loadDataset(spec, 1);
  assert.deepEqual(d.layout.fields.map((f) => [f.name, f.kind]), [["site", "token"], ["device", "token"], ["price", "float"], ["tags", "token_seq"]]);
  assert.equal(d.train.n + d.valid.n + d.test.n, 5);
  const pos = [d.train, d.valid, d.test].reduce((s, sp) => s + sp.labels.reduce((a, b) => a + b, 0), 0);
  assert.equal(pos, 3);
  assert.match(d.description, /^csv clicks\.csv \(5 rows;/);
  assert.equal(d.digest, await datasetDigest(spec, 1));
});

test("CSV: separator option, wrong column count names the line", async () => {
  const dir = writeFixture({ "d.tsv": "label\tu\ti\n1\ta\tb\n0\tc\n" });
  const e = await rejects(loadDataset({ format: "csv", path: join(dir, "d.tsv"), options: { separator: "tab" } }, 1));
  assert.equal(e.code, "E_DATA_COLUMN_COUNT");
  assert.equal(e.line, 3);
  assert.match(e.what, /expected 3 .* found 2/);
});

test("CSV: default label column 'label'; missing label is a DataError listing the columns", async () => {
  const dir = writeFixture({ "a.csv": "label,u\n1,a\n0,b\n1,a\n", "b.csv": "y,u\n1,a\n" });
  const d = await loadDataset({ format: "csv", path: join(dir, "a.csv") }, 1);
  assert.deepEqual(d.layout.fields.map((f) => f.name), ["u"]);
  const e = await rejects(loadDataset({ format: "csv", path: join(dir, "b.csv") }, 1));
  assert.equal(e.code, "E_DATA_MISSING_LABEL");
  assert.match(e.hint ?? "", /y, u/);
});

test("CSV: empty file, bad header type, unterminated quote", async () => {
  const dir = writeFixture({ "e.csv": "", "t.csv": "label,x:weird\n1,2\n", "q.csv": 'label,x\n1,"abc\n' });
  const e1 = await rejects(loadDataset({ format: "csv", path: join(dir, "e.csv") }, 1));
  assert.deepEqual([e1.code, e1.line], ["E_DATA_EMPTY_FILE", 1]);
  const e2 = await rejects(loadDataset({ format: "csv", path: join(dir, "t.csv") }, 1));
  assert.deepEqual([e2.code, e2.line], ["E_DATA_BAD_TYPE", 1]);
  const e3 = await rejects(loadDataset({ format: "csv", path: join(dir, "q.csv") }, 1));
  assert.deepEqual([e3.code, e3.line], ["E_DATA_BAD_QUOTE", 2]);
});

test("splitLine handles quotes, doubled quotes and trailing empty fields", () => {
  assert.deepEqual(splitLine('a,"b,c","d""e",', ",", "f", 1), ["a", "b,c", 'd"e', ""]);
  assert.deepEqual(splitLine("a;;b", ";", "f", 1), ["a", "", "b"]);
  assert.deepEqual(splitLine('"x"', ",", "f", 1), ["x"]);
});
