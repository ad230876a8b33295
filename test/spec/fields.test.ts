import { test } from "node:test";
import assert from "node:assert/strict";
import { check, errs, y, HEAD } from "./helpers.js";

test("goal other than maximize/minimize (defaults and node)", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    defaults: {goal: maximise}
    nodes:
      t:
        task: ctr.train
        goal: up
  `;
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_BAD_GOAL@3:18", "E_BAD_GOAL@7:11"]);
  assert.match(r.diagnostics[0]!.message, /did you mean "maximize"/);
});

test("warning (not error) when a node overrides metric but inherits goal", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    defaults: {metric: valid.auc, goal: maximize}
    nodes:
      t:
        task: ctr.train
        metric: valid.logloss
      u:
        task: ctr.train
        metric: valid.logloss
        goal: minimize
  `;
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.severity}:${d.code}@${d.loc!.line}:${d.loc!.col}`), ["warning:W_GOAL_INHERITED@7:5"]);
  assert.ok(r.pipeline, "warnings do not block");
  assert.deepEqual(r.pipeline!.nodes.map((n) => [n.metric, n.goal]), [["valid.logloss", "maximize"], ["valid.logloss", "minimize"]]);
});

test("defaults are merged into every node", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    defaults: {metric: valid.logloss, goal: minimize, retries: 2, timeout: 60}
    nodes:
      t:
        task: ctr.train
      u:
        task: ctr.train
        retries: 0
        timeout: 5
  `;
  const r = check(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.pipeline!.nodes.map((n) => [n.metric, n.goal, n.retries, n.timeout]), [
    ["valid.logloss", "minimize", 2, 60],
    ["valid.logloss", "minimize", 0, 5],
  ]);
});

test("select forms other than best / {top: N} / {best_per: [...]}", () => {
  const base = HEAD + "    search: {sampler: grid, space: {embedding_size: [8, 16]}}\n  d:\n    task: ctr.distill\n";
  assert.deepEqual(errs(base + "    inputs: {teacher: {node: teacher, select: worst}}\n"), ["E_BAD_SELECT@10:47"]);
  assert.deepEqual(errs(base + "    inputs: {teacher: {node: teacher, select: {bottom: 2}}}\n"), ["E_BAD_SELECT@10:48"]);
  assert.deepEqual(errs(base + "    inputs: {teacher: {node: teacher, select: {top: 0}}}\n"), ["E_BAD_SELECT@10:53"]);
  assert.deepEqual(errs(base + "    inputs: {teacher: {node: teacher, select: {best_per: []}}}\n"), ["E_BAD_SELECT@10:58"]);
  assert.deepEqual(errs(base + "    inputs: {teacher: {node: teacher, select: [best]}}\n"), ["E_BAD_SELECT@10:47"]);
  const ok = check(base + "    inputs: {teacher: {node: teacher, select: {top: 2}}}\n");
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(ok.pipeline!.nodes[1]!.inputs[0]!.select, { kind: "top", n: 2 });
  const bp = check(base + "    inputs: {teacher: {node: teacher, select: {best_per: [embedding_size]}}}\n");
  assert.deepEqual(bp.pipeline!.nodes[1]!.inputs[0]!.select, { kind: "best_per", params: ["embedding_size"] });
});

test("schema: unknown fields (with suggestion), missing task, wrong types", () => {
  const text = y`
    version: 1
    seed: abc
    nodez: {}
    nodes:
      t:
        tsk: shell
      u:
        task: shell
        command: echo
        retries: -1
        serach: {}
  `;
  const r = check(text);
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`),
    ["E_TYPE@2:7", "E_UNKNOWN_FIELD@3:1", "E_MISSING_FIELD@5:3", "E_UNKNOWN_FIELD@6:5", "E_BAD_VALUE@10:14", "E_UNKNOWN_FIELD@11:5"],
  );
  assert.match(r.diagnostics[1]!.message, /did you mean "nodes"/);
  assert.match(r.diagnostics[5]!.message, /did you mean "search"/);
});

test("schema: version must be 1, nodes required", () => {
  assert.deepEqual(errs("version: 2\nnodes:\n  a: {task: shell, command: x}\n"), ["E_BAD_VALUE@1:10"]);
  assert.deepEqual(errs("version: 1\n"), ["E_MISSING_FIELD@1:1"]);
  assert.deepEqual(errs("version: 1\nnodes:\n  a: {task: shell, command: x}\nsearch: {sampler: bayes}\n"), ["E_UNKNOWN_FIELD@4:1"]);
  assert.deepEqual(errs("version: 1\nnodes:\n  a: {task: shell, command: x, search: {sampler: bayes}}\n"), ["E_BAD_VALUE@3:50"]);
});
