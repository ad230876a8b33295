import { test } from "node:test";
import assert from "node:assert/strict";
import { check, errs, y } from "./helpers.js";
import { TASKS } from "../../src/tasks/registry.js";
import type { TaskDecl } from "../../src/tasks/types.js";
import { checkParamValue } from "../../src/spec/params.js";

test("unknown params of ctr tasks (params and space), with did-you-mean", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      t:
        task: ctr.train
        params: {depht: 3, learning_rate: 0.01}
        search:
          sampler: grid
          space:
            embeding_size: [8, 16]
  `;
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_UNKNOWN_PARAM@6:14", "E_UNKNOWN_PARAM@10:9"]);
  assert.match(r.diagnostics[0]!.message, /did you mean "depth"/);
  assert.match(r.diagnostics[1]!.message, /did you mean "embedding_size"/);
});

test("shell nodes take any params", () => {
  const text = y`
    version: 1
    nodes:
      s:
        task: shell
        command: [python, train.py]
        params: {whatever: 1, flag: no}
        search: {sampler: grid, space: {lr: [0.1, 0.01]}}
  `;
  const r = check(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.pipeline!.nodes[0]!.params, { whatever: 1, flag: "no" });
  assert.deepEqual(r.pipeline!.nodes[0]!.command, ["python", "train.py"]);
});

test("wrong param types: string for a number, number for a string, choices", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      t:
        task: ctr.train
        params: {learning_rate: "1e-3", model: 3, depth: 2.5}
      u:
        task: ctr.train
        params: {model: crosnet}
  `;
  const r = check(text);
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`),
    ["E_PARAM_TYPE@6:29", "E_PARAM_TYPE@6:44", "E_PARAM_TYPE@6:54", "E_PARAM_CHOICE@9:21"],
  );
  assert.match(r.diagnostics[3]!.message, /did you mean "crossnet"/);
});

// No built-in ctr param is boolean yet: exercise the check with a registry that has one.
const tasks: Record<string, TaskDecl> = {
  ...TASKS,
  "test.bool": {
    name: "test.bool",
    version: "1",
    description: "a task with a boolean param",
    params: { batch_norm: { type: "boolean", default: false, description: "use batch norm" } },
    carries: [],
    carriesLayout: false,
    usesDataset: false,
    inputs: [],
  },
};

test("a boolean param written `no`: expected boolean, hint true/false", () => {
  const text = "version: 1\nnodes:\n  b:\n    task: test.bool\n    params: {batch_norm: no}\n";
  const r = check(text, { tasks });
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_PARAM_TYPE@5:26"]);
  assert.match(r.diagnostics[0]!.message, /expected boolean/);
  assert.match(r.diagnostics[0]!.hint!, /true or false/);
  assert.deepEqual(check("version: 1\nnodes:\n  b:\n    task: test.bool\n    params: {batch_norm: false}\n", { tasks }).diagnostics, []);
  // in a choice list too
  assert.deepEqual(errs("version: 1\nnodes:\n  b:\n    task: test.bool\n    search: {sampler: grid, space: {batch_norm: [yes, false]}}\n", { tasks }), ["E_PARAM_TYPE@5:50"]);
});

test("checkParamValue: each declared type", () => {
  assert.equal(checkParamValue({ type: "number", description: "" }, 0.5, "x"), undefined);
  assert.equal(checkParamValue({ type: "integer", description: "" }, 0.5, "x")!.code, "E_PARAM_TYPE");
  assert.equal(checkParamValue({ type: "integer", description: "" }, 4, "x"), undefined);
  assert.equal(checkParamValue({ type: "boolean", description: "" }, "off", "x")!.code, "E_PARAM_TYPE");
  assert.equal(checkParamValue({ type: "string", description: "", choices: ["a"] }, "b", "x")!.code, "E_PARAM_CHOICE");
  assert.equal(checkParamValue({ type: "number", description: "" }, null, "x")!.code, "E_PARAM_TYPE");
});

test("unknown carries of a ctr task; params must be single values", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      t:
        task: ctr.train
        carries: [l2, bogus]
        params: {learning_rate: [0.1, 0.2]}
  `;
  assert.deepEqual(errs(text), ["E_UNKNOWN_PARAM@6:19", "E_TYPE@7:29"]);
});

test("ctr tasks need a dataset", () => {
  assert.deepEqual(errs("version: 1\nnodes:\n  t:\n    task: ctr.train\n"), ["E_NO_DATASET@3:3"]);
  assert.deepEqual(errs("version: 1\nnodes:\n  t:\n    task: ctr.train\n    dataset: {format: csv, path: x.csv}\n"), []);
  assert.deepEqual(errs("version: 1\ndataset: {format: csv}\nnodes:\n  t:\n    task: ctr.train\n"), ["E_MISSING_FIELD@2:1"]);
});
