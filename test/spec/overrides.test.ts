import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { at, check, errs, y } from "./helpers.js";
import { parseOverrides } from "../../src/spec/overrides.js";

const P = y`
  version: 1
  dataset:
    format: recbole
    path: data/ml-100k
  nodes:
    teacher:
      task: ctr.train
      params: {epochs: 30}
    bad:
      task: ctr.train
      params: {depht: 1}
`;

test("--set values are YAML scalars applied before validation; untouched positions stay right", () => {
  const r = check(P, { set: ["nodes.teacher.params.epochs=2", "dataset.path=/data/ml", "nodes.teacher.params.learning_rate=1e-2"], absFile: "/x/p.yaml" });
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_UNKNOWN_PARAM@11:14"]);
  const ok = check(P.replace("depht", "depth"), { set: ["nodes.teacher.params.epochs=2", "dataset.path=/data/ml", "nodes.teacher.params.learning_rate=1e-2", "seed=7"], absFile: "/x/p.yaml" });
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(ok.pipeline!.nodes[0]!.params, { epochs: 2, learning_rate: 0.01 });
  assert.equal(ok.pipeline!.dataset!.path, "/data/ml");
  assert.equal(ok.pipeline!.seed, 7);
});

test("--set creates missing mappings; a bad value is validated like the file's", () => {
  const ok = check(P.replace("depht", "depth"), { set: ["nodes.bad.search.sampler=grid", "nodes.bad.search.space.embedding_size=[8, 16]"] });
  assert.deepEqual(ok.diagnostics, []);
  assert.deepEqual(ok.pipeline!.nodes[1]!.search!.space, [{ name: "embedding_size", dim: { kind: "choice", values: [8, 16] } }]);
  assert.deepEqual(errs(P.replace("depht", "depth"), { set: ["nodes.teacher.params.epochs=many"] }), ["E_PARAM_TYPE@8:14"]);
});

test("malformed --set and paths through scalars", () => {
  assert.deepEqual(parseOverrides(["a.b=1", "noequals", "=3", "a..b=1"]).diagnostics.map((d) => d.code), ["E_BAD_SET", "E_BAD_SET", "E_BAD_SET"]);
  assert.deepEqual(parseOverrides(["a.b='x y'"]).overrides.map((o) => [o.path, o.value]), [[["a", "b"], "x y"]]);
  const r = check(P, { set: ["dataset.path.x=1"] });
  assert.equal(r.diagnostics[0]!.code, "E_BAD_SET");
});

test("dataset paths resolve against the pipeline file's folder", () => {
  const r = check(P.replace("depht", "depth"), { absFile: "/proj/pipelines/p.yaml" });
  assert.equal(r.pipeline!.dataset!.path, path.resolve("/proj/pipelines", "data/ml-100k"));
  assert.equal(r.pipeline!.file, "/proj/pipelines/p.yaml");
});

test("a --set that creates a node or a field names the override: no unrelated line for a made-up node", () => {
  const fixed = P.replace("depht", "depth");
  const r = check(fixed, { set: ["nodes.nope.params.x=1", "nodes.teacher.params.bogus=2", "bogus=1"] });
  assert.deepEqual(at(r.diagnostics), ["E_UNKNOWN_FIELD@-", "E_MISSING_FIELD@-", "E_UNKNOWN_PARAM@8:13"]);
  assert.match(r.diagnostics[0]!.message, /^--set bogus=1: /);
  assert.match(r.diagnostics[1]!.message, /^--set nodes\.nope\.params\.x=1: missing required field "task" in node "nope"/);
  assert.match(r.diagnostics[2]!.message, /^--set nodes\.teacher\.params\.bogus=2: unknown param "bogus"/);
  // replacing a value written in the file keeps its position and message
  const v = check(fixed, { set: ["nodes.teacher.params.epochs=many"] });
  assert.deepEqual(at(v.diagnostics), ["E_PARAM_TYPE@8:14"]);
  assert.doesNotMatch(v.diagnostics[0]!.message, /--set/);
});

test("--set values: non-finite numbers and integers beyond 2^53-1 are errors too", () => {
  const fixed = P.replace("depht", "depth");
  assert.deepEqual(at(check(fixed, { set: ["seed=9007199254740993"] }).diagnostics), ["E_UNSAFE_INTEGER@-"]);
  const r = check(fixed, { set: ["nodes.teacher.params.epochs=.inf"] });
  assert.deepEqual(at(r.diagnostics), ["E_NONFINITE@8:14"]);
});
