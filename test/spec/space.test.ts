import { test } from "node:test";
import assert from "node:assert/strict";
import { check, errs, HEAD } from "./helpers.js";

/** teacher (lines 1-6) + a search block; space entries start at line 10. */
const withSpace = (sampler: string, entries: string[], extra = "") =>
  HEAD + `    search:\n      sampler: ${sampler}\n${extra}      space:\n` + entries.map((e) => `        ${e}\n`).join("");

test("a valid space parses in declaration order with every form", () => {
  const r = check(
    withSpace("random", ["learning_rate: {loguniform: [1.0e-4, 1.0e-2]}", "l2: {uniform: [0, 0.1]}", "embedding_size: [8, 16]", "epochs: {int: [2, 10], step: 2}", "batch_size: {int: [64, 1024], log: true}", "model: {choice: [crossnet, dagfm]}"], "      trials: 5\n"),
  );
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.pipeline!.nodes[0]!.search, {
    sampler: "random",
    trials: 5,
    space: [
      { name: "learning_rate", dim: { kind: "loguniform", low: 0.0001, high: 0.01 } },
      { name: "l2", dim: { kind: "uniform", low: 0, high: 0.1 } },
      { name: "embedding_size", dim: { kind: "choice", values: [8, 16] } },
      { name: "epochs", dim: { kind: "int", low: 2, high: 10, step: 2 } },
      { name: "batch_size", dim: { kind: "int", low: 64, high: 1024, log: true } },
      { name: "model", dim: { kind: "choice", values: ["crossnet", "dagfm"] } },
    ],
  });
});

test("empty choice list (list form and {choice: []})", () => {
  assert.deepEqual(errs(withSpace("grid", ["embedding_size: []", "model: {choice: []}"])), ["E_EMPTY_CHOICE@10:25", "E_EMPTY_CHOICE@11:25"]);
});

test("repeated choice values compared after parsing: 1.0e-4 and 0.0001", () => {
  const r = check(withSpace("grid", ["learning_rate: [1.0e-4, 0.001, 0.0001]"]));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_DUPLICATE_CHOICE@10:40"]);
  assert.deepEqual(r.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["10:25"]);
  // 1 and "1" are different values; 16 and 16.0 are the same
  assert.deepEqual(errs(withSpace("grid", ["embedding_size: [16, 16.0]"])), ["E_DUPLICATE_CHOICE@10:30"]);
});

test("loguniform with a bound <= 0, hint: values not exponents", () => {
  const r = check(withSpace("tpe", ["learning_rate: {loguniform: [-4, -2]}", "l2: {loguniform: [0, 1]}"], "      trials: 4\n"));
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`),
    ["E_LOGUNIFORM_BOUND@11:38", "E_LOGUNIFORM_BOUND@11:42", "E_LOGUNIFORM_BOUND@12:27"],
  );
  assert.match(r.diagnostics[0]!.hint!, /not exponents/);
});

test("lower >= upper for uniform, loguniform and int", () => {
  assert.deepEqual(
    errs(withSpace("tpe", ["l2: {uniform: [0.5, 0.1]}", "learning_rate: {loguniform: [0.01, 0.01]}", "epochs: {int: [5, 2]}"], "      trials: 4\n")),
    ["E_BOUNDS_ORDER@11:23", "E_BOUNDS_ORDER@12:37", "E_BOUNDS_ORDER@13:23"],
  );
});

test("int with non-integer bounds; step not landing on the upper bound", () => {
  assert.deepEqual(errs(withSpace("grid", ["epochs: {int: [1.5, 10]}"])), ["E_INT_BOUNDS@10:24"]);
  const r = check(withSpace("grid", ["epochs: {int: [1, 10], step: 4}"]));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_INT_STEP@10:38"]);
  assert.match(r.diagnostics[0]!.hint!, /\b9\b.*\b13\b/);
  assert.deepEqual(errs(withSpace("grid", ["epochs: {int: [1, 9], step: 4}"])), []);
});

test("int with log and lower < 1", () => {
  assert.deepEqual(errs(withSpace("random", ["batch_size: {int: [0, 1024], log: true}"], "      trials: 3\n")), ["E_INT_LOG@11:28"]);
});

test('a quoted number in a range: "1e-5" expected number, got string', () => {
  const r = check(withSpace("tpe", ['learning_rate: {loguniform: ["1e-5", 1.0e-3]}'], "      trials: 4\n"));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_EXPECTED_NUMBER@11:38"]);
  assert.match(r.diagnostics[0]!.message, /expected number, got string/);
});

test("a quoted number in a choice list of a number param", () => {
  assert.deepEqual(errs(withSpace("grid", ['learning_rate: [0.001, "1e-5"]'])), ["E_PARAM_TYPE@10:32"]);
});

test("grid over a continuous dimension: error with hint", () => {
  const r = check(withSpace("grid", ["embedding_size: [8, 16]", "learning_rate: {loguniform: [1.0e-4, 1.0e-2]}"]));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_GRID_CONTINUOUS@11:9"]);
  assert.match(r.diagnostics[0]!.hint!, /random|tpe/);
});

test("random / tpe without trials", () => {
  assert.deepEqual(errs(withSpace("random", ["embedding_size: [8, 16]"])), ["E_TRIALS_REQUIRED@8:16"]);
  assert.deepEqual(errs(withSpace("tpe", ["embedding_size: [8, 16]"])), ["E_TRIALS_REQUIRED@8:16"]);
});

test("unknown distribution and extra keys", () => {
  assert.deepEqual(errs(withSpace("random", ["l2: {normal: [0, 1]}", "learning_rate: {uniform: [0, 1], log: true}"], "      trials: 3\n")), ["E_BAD_SPACE@11:14", "E_BAD_SPACE@12:42"]);
  assert.deepEqual(errs(withSpace("grid", ["l2: 0.1"])), ["E_BAD_SPACE@10:13"]);
});

test("integer param cannot use a continuous range; string param cannot use a range", () => {
  assert.deepEqual(errs(withSpace("random", ["embedding_size: {uniform: [8, 64]}", "model: {int: [1, 2]}"], "      trials: 3\n")), ["E_PARAM_TYPE@11:26", "E_PARAM_TYPE@12:17"]);
});

test("a param both fixed and searched", () => {
  const r = check(withSpace("grid", ["depth: [2, 3]"]));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`), ["E_PARAM_TWICE@10:9"]);
  assert.equal(r.diagnostics[0]!.related![0]!.loc.line, 6);
});

test("all space problems of a file are reported at once, sorted by position", () => {
  const r = check(withSpace("grid", ["embedding_size: []", "learning_rate: {loguniform: [0, 1]}", "l2: [0.1, 0.1]"]));
  assert.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.loc!.line}:${d.loc!.col}`),
    ["E_EMPTY_CHOICE@10:25", "E_LOGUNIFORM_BOUND@11:38", "E_DUPLICATE_CHOICE@12:19"],
  );
});
