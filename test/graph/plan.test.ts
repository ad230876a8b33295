import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildPlan } from "../../src/graph/plan.js";
import { renderPlan, toDot, toMermaid, trialsText } from "../../src/graph/render.js";
import { validateSource } from "../../src/spec/validate.js";
import { TASKS } from "../../src/tasks/registry.js";

const kdText = readFileSync(new URL("../../../pipelines/kd_dagfm.yaml", import.meta.url), "utf8");
const load = (text: string, set: string[] = []) => {
  const r = validateSource(text, "kd.yaml", { set });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
  return r.pipeline!;
};

test("plan of kd_dagfm: order, trial counts, total", () => {
  const plan = buildPlan(load(kdText));
  assert.deepEqual(plan.order, ["teacher", "distill", "finetune"]);
  assert.deepEqual(plan.nodes.map((n) => [n.name, n.sampler, n.searchTrials, n.trials]), [
    ["teacher", "grid", 4, 4],
    ["distill", "tpe", 10, 10],
    ["finetune", "random", 4, 4],
  ]);
  assert.deepEqual(plan.nodes[0]!.gridSizes, [2, 2]);
  assert.equal(plan.totalTrials, 18);
  assert.equal(trialsText(plan.nodes[0]!), "grid 2 x 2 = 4 trials");
});

test("plan shows embedding_size carried from teacher into distill and finetune", () => {
  const plan = buildPlan(load(kdText));
  const carried = (n: string) => plan.nodes.find((x) => x.name === n)!.carried.map((c) => `${c.name}<-${c.origin}.${c.originParam} via ${c.from}:${c.source}`);
  assert.deepEqual(carried("teacher"), []);
  assert.deepEqual(carried("distill"), ["embedding_size<-teacher.embedding_size via teacher:searched", "teacher_model<-teacher.model via teacher:param", "teacher_depth<-teacher.depth via teacher:param"]);
  assert.deepEqual(carried("finetune"), ["embedding_size<-teacher.embedding_size via distill:searched", "type<-distill.type via distill:param", "depth<-distill.depth via distill:param"]);
  const text = renderPlan(plan, { file: "pipelines/kd_dagfm.yaml" });
  assert.match(text, /embedding_size {2}\(from teacher, searched/);
  assert.match(text, /embedding_size {2}\(from teacher via distill, searched/);
  assert.match(text, /grid 2 x 2 = 4 trials/);
  assert.match(text, /total: 18 trials \(teacher 4, distill 10, finetune 4\)/);
});

test("fixed params: the node's own, then task defaults not set/searched/received", () => {
  const plan = buildPlan(load(kdText));
  const t = plan.nodes[0]!;
  assert.deepEqual(t.fixed.filter((f) => f.source === "param").map((f) => f.name), ["model", "depth", "epochs", "batch_size"]);
  // the rest of ctr.train's params with a default (read from the registry: defaults may be retuned)
  const decl = TASKS["ctr.train"]!.params!;
  const expected = Object.keys(decl).filter((k) => decl[k]!.default !== undefined && !["model", "depth", "epochs", "batch_size", "embedding_size", "learning_rate"].includes(k));
  assert.deepEqual(t.fixed.filter((f) => f.source === "default").map((f) => `${f.name}=${String(f.value)}`), expected.map((k) => `${k}=${String(decl[k]!.default)}`));
  assert.deepEqual(expected, ["type", "l2", "patience"]);
  const f = plan.nodes[2]!;
  // embedding_size / type / depth are received, learning_rate searched: none of them is a default
  assert.deepEqual(f.fixed.filter((x) => x.source === "default").map((x) => x.name), ["l2", "patience"]);
});

test("best_per and top N multiply the downstream trials", () => {
  const bp = buildPlan(load(kdText, ["nodes.distill.inputs.teacher={node: teacher, select: {best_per: [embedding_size]}}"]));
  const d = bp.nodes[1]!;
  assert.deepEqual(d.multipliers, [{ input: "teacher", node: "teacher", kind: "best_per", params: ["embedding_size"], factor: 2, exact: true }]);
  assert.equal(d.trials, 20);
  assert.equal(bp.totalTrials, 4 + 20 + 4);
  assert.equal(trialsText(d), "tpe, 10 trials (4 random, then model-guided) x 2 (best_per [embedding_size] of teacher) = 20 trials");
  assert.equal(d.carried[0]!.perTrial, true);
  const top = buildPlan(load(kdText, ["nodes.finetune.inputs.student={node: distill, select: {top: 3}}"]));
  assert.equal(top.nodes[2]!.trials, 12);
  assert.equal(top.totalTrials, 4 + 10 + 12);
  // top N beyond the upstream's trials is capped
  const cap = buildPlan(load(kdText, ["nodes.distill.inputs.teacher={node: teacher, select: {top: 10}}"]));
  assert.deepEqual(cap.nodes[1]!.multipliers.map((m) => [m.factor, m.exact]), [[4, false]]);
});

test("a node without search runs one trial; int grid dims enumerate their values", () => {
  const p = load("version: 1\nnodes:\n  a:\n    task: shell\n    command: echo\n  b:\n    task: shell\n    command: echo\n    search: {sampler: grid, space: {n: {int: [2, 10], step: 2}, m: {int: [1, 3]}, k: [x, y]}}\n");
  const plan = buildPlan(p);
  assert.deepEqual(plan.nodes.map((n) => n.trials), [1, 30]);
  assert.equal(trialsText(plan.nodes[1]!), "grid 5 x 3 x 2 = 30 trials");
});

test("render hook: cached counts per node", () => {
  const plan = buildPlan(load(kdText));
  const text = renderPlan(plan, { cached: { teacher: 4, distill: 3 } });
  assert.match(text, /grid 2 x 2 = 4 trials \(4 cached\)/);
  assert.match(text, /total: 18 trials .*, 7 cached/);
});

test("mermaid and dot: edges labelled with input name and selection", () => {
  const p = load(kdText, ["nodes.distill.inputs.teacher={node: teacher, select: {best_per: [embedding_size]}}"]);
  const m = toMermaid(p);
  assert.match(m, /^flowchart LR\n/);
  assert.ok(m.includes('n0 -->|"teacher: best_per [embedding_size]"| n1'), m);
  assert.ok(m.includes('n1 -->|"student: best"| n2'), m);
  const d = toDot(p);
  assert.ok(d.includes('"teacher" -> "distill" [label="teacher: best_per [embedding_size]"];'), d);
  assert.ok(d.includes('"distill" [label="distill\\nctr.distill"];'), d);
});

test("tpe's random startup shows in the trial count", async () => {
  const { validateSource } = await import("../../src/spec/validate.js");
  const { buildPlan } = await import("../../src/graph/plan.js");
  const r = validateSource(
    `version: 1
name: s
nodes:
  n:
    task: shell
    command: "true"
    search: {sampler: tpe, trials: 12, startup: 4, space: {x: {uniform: [0, 1]}}}
`,
    "s.yaml",
  );
  const n = buildPlan(r.pipeline!).nodes[0]!;
  assert.equal(n.startup, 4);
  assert.equal(trialsText(n), "tpe, 12 trials (4 random, then model-guided)");
});

test("plurals: one node, one trial", () => {
  const plan = buildPlan(load("version: 1\nnodes:\n  a: {task: shell, command: echo, search: {sampler: random, trials: 1, space: {x: [1, 2]}}}\n"));
  const text = renderPlan(plan, { file: "one.yaml" });
  assert.match(text, /: 1 node, 1 trial\n/);
  assert.match(text, /trials: {3}random, 1 trial\n/);
  assert.match(text, /total: 1 trial \(a 1\)/);
  assert.doesNotMatch(text, /\b1 (nodes|trials)\b/);
  const two = buildPlan(load("version: 1\nnodes:\n  a: {task: shell, command: echo}\n  b: {task: shell, command: echo, inputs: {a: a}}\n"));
  assert.match(renderPlan(two), /: 2 nodes, 2 trials\n/);
});
