import { test } from "node:test";
import assert from "node:assert/strict";
import { check, errs, y } from "./helpers.js";
import { closest, levenshtein } from "../../src/spec/suggest.js";
import { findCycles } from "../../src/graph/graph.js";

const shell = (name: string, inputs = "") => `  ${name}:\n    task: shell\n    command: echo\n${inputs ? `    inputs: ${inputs}\n` : ""}`;

test("input naming an unknown node, with a suggestion", () => {
  const text = "version: 1\nnodes:\n" + shell("teacher") + shell("student", "{t: teachr}");
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_UNKNOWN_NODE@9:17"]);
  assert.match(r.diagnostics[0]!.message, /"teacher"/);
  assert.equal(closest("teachr", ["teacher", "student"]), "teacher");
  assert.equal(closest("zzz", ["teacher"]), undefined);
  assert.equal(levenshtein("kitten", "sitting"), 3);
  assert.equal(levenshtein("depht", "depth"), 1);
});

test("long-form input naming an unknown node points at `node:`", () => {
  const text = "version: 1\nnodes:\n" + shell("a") + shell("b", "{x: {node: c, select: best}}");
  assert.deepEqual(errs(text), ["E_UNKNOWN_NODE@9:24"]);
});

test("a node taking its own output", () => {
  const text = "version: 1\nnodes:\n" + shell("a", "{x: a}");
  assert.deepEqual(errs(text), ["E_SELF_INPUT@6:17"]);
});

test("cycle printed in data-flow order with each edge's line", () => {
  const text = "version: 1\nnodes:\n" + shell("a", "{x: c}") + shell("b", "{x: a}") + shell("c", "{x: b}");
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_CYCLE@10:17"]);
  const d = r.diagnostics[0]!;
  assert.ok(d.message.includes("a -> b -> c -> a"), d.message);
  // each edge's line: a->b is b's input (line 10), b->c is c's (14), c->a is a's (6)
  assert.deepEqual(d.related!.map((x) => x.loc.line), [10, 14, 6]);
  assert.ok(d.message.includes("a -> b at line 10, b -> c at line 14, c -> a at line 6"), d.message);
});

test("findCycles: one closed path per cycle, from the earliest-declared node", () => {
  const mk = (name: string, ...ins: string[]) => ({
    name,
    inputs: ins.map((n, i) => ({ name: `i${i}`, node: n, select: { kind: "best" as const }, loc: { file: "f", line: 1, col: 1 } })),
    loc: { file: "f", line: 1, col: 1 },
  });
  const cycles = findCycles({ nodes: [mk("x"), mk("p", "r"), mk("q", "p"), mk("r", "q"), mk("s", "s2"), mk("s2", "s")] });
  assert.deepEqual(cycles, [
    ["p", "q", "r", "p"],
    ["s", "s2", "s"],
  ]);
});

test("node names colliding ignoring case", () => {
  const text = "version: 1\nnodes:\n" + shell("Teacher") + shell("teacher");
  const r = check(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_NAME_COLLISION@6:3"]);
  assert.equal(r.diagnostics[0]!.related![0]!.loc.line, 3);
});

test("node names colliding after Unicode NFC normalisation", () => {
  const composed = "caf\u00e9";
  const decomposed = "cafe\u0301";
  assert.notEqual(composed, decomposed);
  const text = "version: 1\nnodes:\n" + shell(composed) + shell(decomposed);
  assert.deepEqual(errs(text), ["E_NAME_COLLISION@6:3"]);
});

test("node name pattern: Unicode letters ok; spaces, dots, leading digits not", () => {
  assert.deepEqual(errs("version: 1\nnodes:\n" + shell("étape_1") + shell("_x-2")), []);
  assert.deepEqual(errs("version: 1\nnodes:\n" + shell("1st")), ["E_BAD_NODE_NAME@3:3"]);
  assert.deepEqual(errs("version: 1\nnodes:\n" + shell('"a b"')), ["E_BAD_NODE_NAME@3:3"]);
  assert.deepEqual(errs("version: 1\nnodes:\n" + shell("a.b")), ["E_BAD_NODE_NAME@3:3"]);
});

test("unknown task with a suggestion; shell needs command; command only on shell", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      a:
        task: ctr.trian
      b:
        task: shell
      c:
        task: ctr.train
        command: echo
  `;
  const r = check(text);
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`),
    ["E_UNKNOWN_TASK@5:11", "E_MISSING_COMMAND@6:3", "E_COMMAND_NOT_SHELL@10:5"],
  );
  assert.match(r.diagnostics[0]!.message, /"ctr\.train"/);
});

test("missing required input; unknown input name of a typed task", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      t:
        task: ctr.train
      d:
        task: ctr.distill
      f:
        task: ctr.finetune
        inputs: {studnet: t}
  `;
  assert.deepEqual(errs(text), ["E_MISSING_INPUT@6:3", "E_MISSING_INPUT@10:5", "E_UNKNOWN_INPUT@10:14"]);
});
