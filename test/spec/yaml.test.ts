import { test } from "node:test";
import assert from "node:assert/strict";
import { check, errs } from "./helpers.js";

test("YAML syntax error: code and position", () => {
  const r = check("version: 1\nnodes:\n  a: {task: shell, command: [echo, x}\n");
  assert.equal(r.pipeline, undefined);
  assert.equal(r.diagnostics[0]!.code, "E_YAML_SYNTAX");
  assert.equal(r.diagnostics[0]!.loc!.line, 3);
});

test("unterminated flow sequence is a syntax error at its line", () => {
  assert.deepEqual(errs("version: 1\nnodes: [a, b\n"), ["E_YAML_SYNTAX@3:1"]);
});

test("tab indentation: E_TAB_INDENT at the tab", () => {
  assert.deepEqual(errs("version: 1\nnodes:\n  a:\n\ttask: shell\n"), ["E_TAB_INDENT@4:1"]);
  assert.deepEqual(errs("version: 1\nnodes:\n  a:\n    task: shell\n\t  command: x\n"), ["E_TAB_INDENT@5:1"]);
});

test("duplicate keys: error at the second, related at the first", () => {
  const text = "version: 1\nnodes:\n  a:\n    task: shell\n    command: echo\n  a:\n    task: shell\n";
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_DUPLICATE_KEY@6:3"]);
  assert.equal(r.diagnostics[0]!.related![0]!.loc.line, 3);
  assert.equal(r.diagnostics[0]!.related![0]!.loc.col, 3);
});

test("duplicate nested keys are found at any depth, all reported", () => {
  const text = "version: 1\nversion: 1\nnodes:\n  a:\n    task: shell\n    params: {x: 1, x: 2}\n";
  assert.deepEqual(errs(text), ["E_DUPLICATE_KEY@2:1", "E_DUPLICATE_KEY@6:20"]);
});

test("empty file and comment-only file", () => {
  assert.deepEqual(errs(""), ["E_EMPTY_FILE@1:1"]);
  assert.deepEqual(errs("  \n\n"), ["E_EMPTY_FILE@1:1"]);
  assert.deepEqual(errs("# just a comment\n"), ["E_EMPTY_FILE@1:1"]);
});

test("a file that is not a mapping", () => {
  assert.deepEqual(errs("- a\n- b\n"), ["E_NOT_MAPPING@1:1"]);
  assert.deepEqual(errs("\n\njust text\n"), ["E_NOT_MAPPING@3:1"]);
});

test("unresolved alias is reported, not thrown", () => {
  assert.deepEqual(errs("version: 1\nnodes: *x\n"), ["E_YAML_SYNTAX@2:8"]);
});

test("YAML 1.2: 1e-3 is a number, no is a string, anchors resolve", () => {
  const r = check(
    "version: 1\ndataset: {format: synthetic}\nnodes:\n  t:\n    task: ctr.train\n    params: &p {learning_rate: 1e-3}\n  u:\n    task: ctr.train\n    params: *p\n",
  );
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.pipeline!.nodes[0]!.params.learning_rate, 0.001);
  assert.equal(r.pipeline!.nodes[1]!.params.learning_rate, 0.001);
});

test("nested aliases cannot blow up validation (billion laughs)", () => {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
  const r = check(lines.join("\n") + "\n");
  assert.equal(r.pipeline, undefined);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ["E_YAML_SYNTAX"]);
});
