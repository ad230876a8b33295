import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { writeJsonAtomic } from "../../src/store/index.js";
import { tempDir } from "./helpers.js";

test("writeJsonAtomic creates folders, replaces the whole file and leaves no temp files", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = path.join(dir, "locks", "run-1.lock.json");
  writeJsonAtomic(file, { run: 1, params: { lr: 0.001, name: "ünï code" } });
  assert.equal(fs.readFileSync(file, "utf8"), '{\n  "run": 1,\n  "params": {\n    "lr": 0.001,\n    "name": "ünï code"\n  }\n}\n');
  writeJsonAtomic(file, [1]);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, "utf8")), [1]);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ["run-1.lock.json"]);
  assert.throws(() => writeJsonAtomic(file, undefined), /no JSON representation/);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, "utf8")), [1], "a failed write leaves the old file");
});
