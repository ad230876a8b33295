import { test } from "node:test";
import assert from "node:assert/strict";
import { ancestors, buildGraph, descendants, fromSelection, topoOrder } from "../../src/graph/graph.js";
import { validateSource } from "../../src/spec/validate.js";
import type { Pipeline } from "../../src/spec/types.js";

function pipe(nodes: [string, string[]][]): Pipeline {
  const text =
    "version: 1\nnodes:\n" +
    nodes.map(([n, ins]) => `  ${n}:\n    task: shell\n    command: echo\n${ins.length ? `    inputs: {${ins.map((i, k) => `i${k}: ${i}`).join(", ")}}\n` : ""}`).join("");
  const r = validateSource(text, "g.yaml");
  assert.deepEqual(r.diagnostics, []);
  return r.pipeline!;
}

test("topological order is stable: declaration order among ready nodes", () => {
  // declared: d (needs b), a, b (needs a), c
  const p = pipe([["d", ["b"]], ["a", []], ["b", ["a"]], ["c", []]]);
  // ready: a, c -> a (declared first); then ready b, c -> b; then d (declared first), c
  assert.deepEqual(topoOrder(p), ["a", "b", "d", "c"]);
});

test("diamond: order, ancestors, descendants, --from selection", () => {
  const p = pipe([["src", []], ["left", ["src"]], ["right", ["src"]], ["join", ["left", "right"]], ["other", []]]);
  const g = buildGraph(p);
  const order = topoOrder(p, g);
  assert.deepEqual(order, ["src", "left", "right", "join", "other"]);
  assert.deepEqual(descendants(g, "src", order), ["left", "right", "join"]);
  assert.deepEqual(descendants(g, "src"), ["left", "right", "join"]);
  assert.deepEqual(descendants(g, "left", order), ["join"]);
  assert.deepEqual(ancestors(g, "join", order), ["src", "left", "right"]);
  assert.deepEqual(ancestors(g, "src", order), []);
  assert.deepEqual(fromSelection(p, "left"), ["left", "join"]);
  assert.deepEqual(fromSelection(p, "other"), ["other"]);
});

test("two inputs from the same upstream are two edges", () => {
  const p = pipe([["a", []], ["b", ["a", "a"]]]);
  const g = buildGraph(p);
  assert.equal(g.edgeCount(), 2);
  assert.deepEqual(topoOrder(p, g), ["a", "b"]);
});

test("topoOrder throws on a cycle (validation reports it first)", () => {
  const nodes = ["a", "b"].map((name, i) => ({
    name,
    inputs: [{ name: "x", node: i === 0 ? "b" : "a", select: { kind: "best" as const }, loc: { file: "f", line: 1, col: 1 } }],
    loc: { file: "f", line: 1, col: 1 },
  }));
  assert.throws(() => topoOrder({ nodes }), /cycle/);
});

test("long chains do not overflow the stack: 5,000 nodes validate, and a 5,000-node cycle is found", () => {
  const N = 5000;
  const chain = (cyclic: boolean) =>
    "version: 1\nnodes:\n" +
    Array.from({ length: N }, (_, i) => `  n${i}:\n    task: shell\n    command: x\n${i > 0 || cyclic ? `    inputs: {i: n${i > 0 ? i - 1 : N - 1}}\n` : ""}`).join("");
  const ok = validateSource(chain(false), "c.yaml");
  assert.deepEqual(ok.diagnostics, []);
  assert.equal(topoOrder(ok.pipeline!).length, N);
  const bad = validateSource(chain(true), "c.yaml");
  assert.deepEqual(bad.diagnostics.map((d) => d.code), ["E_CYCLE"]);
  assert.equal(bad.diagnostics[0]!.related!.length, N);
});
