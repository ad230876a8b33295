import { test } from "node:test";
import assert from "node:assert/strict";
import { check, errs, y } from "./helpers.js";
import { analyzeCarried } from "../../src/spec/carried.js";
import { topoOrder } from "../../src/graph/graph.js";
import { TASKS } from "../../src/tasks/registry.js";

const KD = (distill: string, finetune = "") => y`
  version: 1
  dataset: {format: synthetic}
  nodes:
    teacher:
      task: ctr.train
      params: {depth: 3}
      search:
        sampler: grid
        space:
          embedding_size: [8, 16]
          learning_rate: [0.001, 0.003]
    distill:
      task: ctr.distill
  ` + distill + (finetune ? "  finetune:\n    task: ctr.finetune\n" + finetune : "");

test("distill setting a carried param in params: error at the param, related at the upstream search entry", () => {
  const r = check(KD("    inputs: {teacher: teacher}\n    params: {embedding_size: 8}\n"));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_CARRIED_PARAM@15:14"]);
  const d = r.diagnostics[0]!;
  assert.deepEqual(d.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["10:9"]);
  assert.match(d.message, /embedding_size/);
  assert.match(d.hint!, /best_per: \[embedding_size\]/);
});

test("distill searching a carried param in its space", () => {
  const r = check(KD("    inputs: {teacher: teacher}\n    search:\n      sampler: grid\n      space:\n        embedding_size: [8]\n"));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_CARRIED_PARAM@18:9"]);
  assert.deepEqual(r.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["10:9"]);
});

test("with best_per the downstream still must not search the param", () => {
  const r = check(
    KD("    inputs: {teacher: {node: teacher, select: {best_per: [embedding_size]}}}\n    search:\n      sampler: grid\n      space:\n        embedding_size: [8]\n"),
  );
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_CARRIED_PARAM@18:9"]);
  assert.match(r.diagnostics[0]!.hint!, /already loads the matching/);
});

test("receiveAs: the teacher's depth arrives as teacher_depth, so distill may set its own depth", () => {
  const r = check(KD("    inputs: {teacher: teacher}\n    params: {depth: 4}\n"));
  assert.deepEqual(r.diagnostics, []);
  // ...but setting teacher_depth conflicts, related at the teacher's params entry `depth`
  const r2 = check(KD("    inputs: {teacher: teacher}\n    params: {teacher_depth: 4}\n"));
  assert.deepEqual(r2.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_CARRIED_PARAM@15:14"]);
  assert.deepEqual(r2.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["6:14"]);
});

test("carried params propagate transitively: finetune cannot set embedding_size (origin teacher)", () => {
  const r = check(KD("    inputs: {teacher: teacher}\n", "    inputs: {student: distill}\n    params: {embedding_size: 16, learning_rate: 0.01}\n"));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_CARRIED_PARAM@18:14"]);
  assert.deepEqual(r.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["10:9"]);
  assert.match(r.diagnostics[0]!.message, /teacher/);
});

test("analyzeCarried: origins, sources, renames", () => {
  const r = check(KD("    inputs: {teacher: teacher}\n", "    inputs: {student: distill}\n"));
  const p = r.pipeline!;
  const an = analyzeCarried(p, topoOrder(p));
  const rec = (n: string) => an.received.get(n)!.map((x) => `${x.name}<-${x.origin}.${x.originParam}:${x.source}${x.value !== undefined ? "=" + String(x.value) : ""}`);
  assert.deepEqual(rec("teacher"), []);
  assert.deepEqual(rec("distill"), ["embedding_size<-teacher.embedding_size:searched", `teacher_model<-teacher.model:default=${String(TASKS["ctr.train"]!.params!.model!.default)}`, "teacher_depth<-teacher.depth:param=3"]);
  assert.deepEqual(rec("finetune"), ["embedding_size<-teacher.embedding_size:searched", `type<-distill.type:default=${String(TASKS["ctr.distill"]!.params!.type!.default)}`, `depth<-distill.depth:default=${String(TASKS["ctr.distill"]!.params!.depth!.default)}`]);
});

test("best_per params must be searched upstream", () => {
  const r = check(KD("    inputs: {teacher: {node: teacher, select: {best_per: [depth, embedding_size]}}}\n"));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_BEST_PER_NOT_SEARCHED@14:59"]);
  // received-varying counts as searched: finetune may group distill's trials by embedding_size
  const ok = check(
    KD("    inputs: {teacher: {node: teacher, select: {best_per: [embedding_size]}}}\n", "    inputs: {student: {node: distill, select: {best_per: [embedding_size]}}}\n"),
  );
  assert.deepEqual(ok.diagnostics, []);
});

test("a shell node's carries: [...] is enforced downstream too", () => {
  const text = y`
    version: 1
    nodes:
      pre:
        task: shell
        command: echo
        carries: [dim]
        search: {sampler: grid, space: {dim: [16, 32]}}
      post:
        task: shell
        command: echo
        inputs: {p: pre}
        params: {dim: 8}
  `;
  assert.deepEqual(errs(text), ["E_CARRIED_PARAM@12:14"]);
});

test("a node overriding dataset while its input carries a layout built on another dataset", () => {
  const r = check(KD("    inputs: {teacher: teacher}\n    dataset: {format: csv, path: other.csv}\n"));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_DATASET_MISMATCH@15:5"]);
  assert.deepEqual(r.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["2:1"]);
  // the same dataset written again on the node is fine
  assert.deepEqual(errs(KD("    inputs: {teacher: teacher}\n    dataset: {format: synthetic}\n")), []);
});

test("a ctr task receives only params it declares (a shell upstream's `dim` is not received)", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      pre:
        task: shell
        command: echo
        carries: [dim, embedding_size]
        params: {dim: 8, embedding_size: 16}
      fine:
        task: ctr.finetune
        inputs: {student: pre}
  `;
  const r = check(text);
  assert.deepEqual(r.diagnostics, []);
  const an = analyzeCarried(r.pipeline!, topoOrder(r.pipeline!));
  assert.deepEqual(an.received.get("fine")!.map((x) => `${x.name}=${String(x.value)}`), ["embedding_size=16"]);
});
