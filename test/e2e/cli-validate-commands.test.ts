import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const main = path.join(root, "dist/src/cli/main.js");
const dagtune = (...args: string[]) => {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test("plan: execution order, grid product, carried embedding_size from teacher into distill and finetune", () => {
  const r = dagtune("plan", "pipelines/kd_dagfm.yaml");
  assert.equal(r.code, 0, r.err);
  const order = [...r.out.matchAll(/^\d+\. (\S+) {2}\[(\S+)\]$/gm)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(order, ["teacher:ctr.train", "distill:ctr.distill", "finetune:ctr.finetune"]);
  assert.match(r.out, /trials: {3}grid 2 x 2 = 4 trials/);
  assert.match(r.out, /carried: {2}embedding_size {2}\(from teacher, searched/);
  assert.match(r.out, /carried: {2}embedding_size {2}\(from teacher via distill, searched/);
  // (", N cached" when a store beside the file has results)
  assert.match(r.out, /^total: 18 trials \(teacher 4, distill 10, finetune 4\)(, \d+ cached)?$/m);
});

test("plan --json is the buildPlan data", () => {
  const r = dagtune("plan", "--json", "pipelines/kd_dagfm.yaml");
  assert.equal(r.code, 0, r.err);
  const plan = JSON.parse(r.out) as { order: string[]; totalTrials: number; nodes: { name: string; trials: number; carried: { name: string; origin: string }[] }[] };
  assert.deepEqual(plan.order, ["teacher", "distill", "finetune"]);
  assert.equal(plan.totalTrials, 18);
  assert.deepEqual(plan.nodes.map((n) => n.carried.filter((c) => c.name === "embedding_size").map((c) => c.origin)), [[], ["teacher"], ["teacher"]]);
});

test("plan on an invalid file: exit 2, nothing on stdout", () => {
  const r = dagtune("plan", "test/spec/fixtures/carried_conflict.yaml");
  assert.equal(r.code, 2);
  assert.equal(r.out, "");
});

test("graph: mermaid by default, dot on request", () => {
  const m = dagtune("graph", "pipelines/kd_dagfm.yaml");
  assert.equal(m.code, 0, m.err);
  assert.ok(m.out.startsWith("flowchart LR\n"));
  assert.ok(m.out.includes('n0 -->|"teacher: best"| n1'));
  const d = dagtune("graph", "pipelines/kd_dagfm.yaml", "--format", "dot");
  assert.equal(d.code, 0);
  assert.ok(d.out.includes('"distill" -> "finetune" [label="student: best"];'));
});

test("schema prints the shipped schema file", () => {
  const r = dagtune("schema");
  assert.equal(r.code, 0);
  assert.equal(r.out, readFileSync(path.join(root, "schema/pipeline.schema.json"), "utf8"));
});
