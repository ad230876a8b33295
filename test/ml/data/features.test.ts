import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultFeatures, nearUnique } from "../../../src/ml/data/source.js";
import type { RawColumn } from "../../../src/ml/data/table.js";

const tok = (name: string, distinct: number, rows: number): RawColumn => ({
  kind: "token", name, file: "f", dict: Array.from({ length: distinct }, (_, i) => `v${i}`), codes: new Int32Array(rows),
});

test("near-unique: more distinct values than max(100, rows / 2)", () => {
  assert.equal(nearUnique(tok("zip", 795, 943), 943), true);
  assert.equal(nearUnique(tok("age", 61, 943), 943), false);
  assert.equal(nearUnique(tok("x", 100, 150), 150), false); // small files keep their columns
  assert.equal(nearUnique(tok("x", 101, 150), 150), true);
  assert.equal(nearUnique(tok("x", 500, 1001), 1001), false);
  assert.equal(nearUnique(tok("x", 501, 1001), 1001), true);
});

test("default features: label, time stamps, float_seq and near-unique columns are left out; ids kept", () => {
  const inter = [tok("user_id", 900, 1000), tok("item_id", 999, 1000), { kind: "float", name: "rating", file: "f", values: new Float64Array(1000) } as RawColumn, tok("timestamp", 1000, 1000), tok("event_ts", 5, 1000)];
  const user = [tok("age", 60, 900), tok("zip_code", 800, 900), { kind: "float_seq", name: "vec", file: "f" } as RawColumn];
  const item = [tok("genre", 20, 999), tok("last_date", 3, 999)];
  assert.deepEqual(defaultFeatures([{ columns: inter, rows: 1000 }, { columns: user, rows: 900 }, { columns: item, rows: 999 }], "rating", ["user_id", "item_id"]), ["user_id", "item_id", "age", "genre"]);
  // without the id exemption, a near-unique item_id would be dropped
  assert.deepEqual(defaultFeatures([{ columns: inter, rows: 1000 }], "rating", []), []);
});
