import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const main = path.join(root, "dist/src/cli/main.js");

function dagtune(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `file:line:col: error CODE` heads in the output. */
const heads = (s: string) => [...s.matchAll(/^(\S+?):(\d+):(\d+): (error|warning) ([A-Z_]+):/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[5]}`);

test("validate pipelines/kd_dagfm.yaml: exit 0, one-line summary", () => {
  const r = dagtune("validate", "pipelines/kd_dagfm.yaml");
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, "pipelines/kd_dagfm.yaml: ok: pipeline kd-dagfm, 3 nodes, 18 trials\n");
  assert.equal(r.err, "");
});

test("carried-param conflict: exit 2, file:line:col, source line, caret, hint, related location", () => {
  const f = "test/spec/fixtures/carried_conflict.yaml";
  const r = dagtune("validate", f);
  assert.equal(r.code, 2);
  assert.equal(r.out, "");
  assert.deepEqual(heads(r.err), [`${f}:19:9 E_CARRIED_PARAM`]);
  assert.ok(r.err.includes(" 19 |         embedding_size: [8, 16]\n    |         ^~~~~~~~~~~~~~\n"), r.err);
  assert.match(r.err, /\n {2}hint: /);
  assert.ok(r.err.includes(`note: ${f}:11:9: `), r.err);
  assert.ok(!/\n\s+at /.test(r.err), "no stack trace");
});

test("every problem in a file is reported at once, sorted by position", () => {
  const f = "test/spec/fixtures/many_errors.yaml";
  const r = dagtune("validate", f);
  assert.equal(r.code, 2);
  // (the grid check is skipped for a dimension that is itself invalid)
  assert.deepEqual(heads(r.err), [`${f}:6:14 E_UNKNOWN_PARAM`, `${f}:9:23 E_UNKNOWN_NODE`, `${f}:13:38 E_LOGUNIFORM_BOUND`, `${f}:13:42 E_LOGUNIFORM_BOUND`]);
  assert.match(r.err, /4 errors, 0 warnings\n$/);
});

test("tabs, missing file, empty file: exit 2 with codes", () => {
  const t = dagtune("validate", "test/spec/fixtures/tabs.yaml");
  assert.equal(t.code, 2);
  assert.deepEqual(heads(t.err), ["test/spec/fixtures/tabs.yaml:4:1 E_TAB_INDENT"]);
  const m = dagtune("validate", "no/such/file.yaml");
  assert.equal(m.code, 2);
  assert.match(m.err, /^dagtune: error E_FILE_NOT_FOUND: /);
  const dir = mkdtempSync(path.join(tmpdir(), "dagtune-e2e-"));
  const empty = path.join(dir, "empty.yaml");
  writeFileSync(empty, "");
  const e = dagtune("validate", empty);
  assert.equal(e.code, 2);
  assert.deepEqual(heads(e.err), [`${empty}:1:1 E_EMPTY_FILE`]);
});

test("--set overrides and bad command lines", () => {
  const ok = dagtune("validate", "pipelines/kd_dagfm.yaml", "--set", "nodes.teacher.search.space.embedding_size=[8, 16, 32]");
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /, 20 trials\n$/);
  const bad = dagtune("validate", "pipelines/kd_dagfm.yaml", "--set", "nodes.distill.params.embedding_size=8");
  assert.equal(bad.code, 2);
  assert.deepEqual(heads(bad.err).map((h) => h.split(" ")[1]), ["E_CARRIED_PARAM"]);
  assert.equal(dagtune("validate").code, 2);
  assert.equal(dagtune("frobnicate").code, 2);
  assert.equal(dagtune("graph", "pipelines/kd_dagfm.yaml", "--format", "svg").code, 2);
  assert.equal(dagtune("--help").code, 0);
});

test("validate --json", () => {
  const r = dagtune("validate", "--json", "test/spec/fixtures/carried_conflict.yaml");
  assert.equal(r.code, 2);
  const j = JSON.parse(r.out) as { ok: boolean; diagnostics: { code: string; loc: { line: number; col: number } }[] };
  assert.equal(j.ok, false);
  assert.deepEqual(j.diagnostics.map((d) => [d.code, d.loc.line, d.loc.col]), [["E_CARRIED_PARAM", 19, 9]]);
});
