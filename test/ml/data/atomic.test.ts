import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAtomic } from "../../../src/ml/data/atomic.js";
import { DataError } from "../../../src/ml/data/errors.js";

const F = "/data/x.inter";

function dataError(fn: () => unknown): DataError {
  try { fn(); } catch (e) { if (e instanceof DataError) return e; throw e; }
  assert.fail("expected a DataError");
}

test("parses token, token_seq and float columns with missing values", () => {
  const t = parseAtomic("a:token\tb:token_seq\tc:float\r\nx\tp q  r\t1.5\r\ny\t\t\r\n\r\nx\tq\t-2\r\n", F);
  assert.equal(t.n, 3);
  assert.deepEqual([...t.lines], [2, 3, 5]);
  const [a, b, c] = t.columns;
  assert.ok(a?.kind === "token" && b?.kind === "token_seq" && c?.kind === "float");
  assert.deepEqual(a.dict, ["x", "y"]);
  assert.deepEqual([...a.codes], [0, 1, 0]);
  assert.deepEqual(b.dict, ["p", "q", "r"]);
  assert.deepEqual([...b.starts], [0, 3, 3, 4]);
  assert.deepEqual([...b.codes], [0, 1, 2, 1]);
  assert.equal(c.values[0], 1.5);
  assert.ok(Number.isNaN(c.values[1]!));
  assert.equal(c.values[2], -2);
});

test("empty values in a token column are missing (-1); BOM is ignored", () => {
  const t = parseAtomic("\ufeffa:token\tb:token\n\tz\nw\t\n", F);
  const [a, b] = t.columns;
  assert.equal(a?.name, "a");
  assert.ok(a?.kind === "token" && b?.kind === "token");
  assert.deepEqual([...a.codes], [-1, 0]);
  assert.deepEqual([...b.codes], [0, -1]);
});

test("an empty file is a DataError at line 1", () => {
  const e = dataError(() => parseAtomic("", F));
  assert.equal(e.code, "E_DATA_EMPTY_FILE");
  assert.equal(e.file, F);
  assert.equal(e.line, 1);
  assert.ok(e.message.startsWith(`${F}:1: `));
});

test("an unknown header type names the column, at line 1", () => {
  const e = dataError(() => parseAtomic("user_id:token\trating:weird\n1\t2\n", F));
  assert.equal(e.code, "E_DATA_BAD_TYPE");
  assert.equal(e.line, 1);
  assert.match(e.what, /rating:weird/);
  assert.match(e.hint ?? "", /token_seq/);
});

test("a header cell without a type is a DataError", () => {
  const e = dataError(() => parseAtomic("user_id:token\trating\n1\t2\n", F));
  assert.equal(e.code, "E_DATA_BAD_HEADER");
  assert.equal(e.line, 1);
});

test("duplicate header names are a DataError", () => {
  const e = dataError(() => parseAtomic("a:token\ta:float\n1\t2\n", F));
  assert.equal(e.code, "E_DATA_DUPLICATE_COLUMN");
});

test("too few and too many columns name the line", () => {
  const few = dataError(() => parseAtomic("a:token\tb:token\tc:float\n1\t2\t3\n4\t5\n", F));
  assert.equal(few.code, "E_DATA_COLUMN_COUNT");
  assert.equal(few.line, 3);
  assert.match(few.what, /expected 3 .* found 2/);
  const many = dataError(() => parseAtomic("a:token\tb:token\n1\t2\n\n4\t5\t6\t7\n", F));
  assert.equal(many.line, 4);
  assert.match(many.what, /found 4/);
});

test("a non-numeric float names line and column", () => {
  const e = dataError(() => parseAtomic("a:token\tr:float\n1\t2\n1\t3\n1\tfive\n", F));
  assert.equal(e.code, "E_DATA_BAD_FLOAT");
  assert.equal(e.line, 4);
  assert.match(e.what, /'r'.*'five'/);
  assert.equal(e.message.split("\n")[0], `${F}:4: column 'r' is float but the value is 'five'`);
});
