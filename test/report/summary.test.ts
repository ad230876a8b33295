import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSummary, type RunSummary } from "../../src/report/index.js";
import { visibleWidth } from "../../src/report/format.js";

function summary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    runId: 4,
    status: "failed",
    durationMs: 192_000,
    lockFile: "artifacts/locks/run-4.lock.json",
    storeDir: "artifacts",
    failedTrials: 3,
    rerunCommand: "dagtune rerun --failed --store artifacts",
    nodes: [
      {
        name: "teacher",
        status: "succeeded",
        metric: "valid.auc",
        goal: "maximize",
        ran: 4,
        cached: 2,
        failed: 0,
        total: 6,
        selected: { index: 3, value: 0.81234, params: { embedding_size: 16, learning_rate: 0.003 }, carried: {} },
        testMetrics: { "test.auc": 0.80111 },
      },
      {
        name: "distill",
        status: "succeeded",
        metric: "valid.auc",
        goal: "maximize",
        ran: 12,
        cached: 0,
        failed: 1,
        total: 12,
        selected: {
          index: 7,
          value: 0.80121,
          params: { alpha: 0.5, embedding_size: 16, teacher_depth: 3 },
          carried: {
            embedding_size: { value: 16, from: "teacher@3", origin: "teacher" },
            teacher_depth: { value: 3, from: "teacher@3", origin: "teacher" },
          },
        },
        testMetrics: { "test.auc": 0.7954, "test.logloss": 0.45 },
      },
      { name: "finetune", status: "failed", metric: "valid.auc", goal: "maximize", ran: 2, cached: 0, failed: 2, total: 2, selected: null, reason: "0 of 2 trials succeeded\nexit code 1" },
      { name: "report", status: "blocked", metric: "valid.auc", goal: "maximize", ran: 0, cached: 0, failed: 0, total: 1, selected: null, reason: "input finetune failed" },
    ],
    ...over,
  };
}

test("summary: one aligned row per node with selected trial, metric and ran/cached/failed counts", () => {
  const lines = renderSummary(summary(), false, { width: 120 }).split("\n");
  assert.equal(lines[0], "Run 4 failed in 3m 12s");
  const header = lines.find((l) => l.trimStart().startsWith("node"))!;
  const row = (name: string) => lines.find((l) => l.startsWith(`  ${name} `))!;
  const cols = (l: string) => l.trim().split(/\s{2,}/);
  assert.deepEqual(cols(header), ["node", "status", "trial", "metric", "ran", "cached", "failed", "params"]);
  assert.deepEqual(cols(row("teacher")), ["teacher", "succeeded", "#3", "valid.auc=0.8123", "4", "2", "0", "embedding_size=16", "learning_rate=0.003"]);
  assert.deepEqual(cols(row("distill")).slice(0, 7), ["distill", "succeeded", "#7", "valid.auc=0.8012", "12", "0", "1"]);
  assert.deepEqual(cols(row("finetune")), ["finetune", "failed", "-", "valid.auc", "2", "0", "2"]);
  // right-aligned counts end in the same column as their header
  const ranEnd = header.indexOf("ran") + 3;
  assert.equal(row("distill").slice(ranEnd - 3, ranEnd), " 12");
  assert.equal(row("teacher").slice(ranEnd - 3, ranEnd), "  4");
  const failedEnd = header.indexOf("failed") + 6;
  assert.equal(row("finetune").slice(failedEnd - 2, failedEnd), " 2");
  // columns line up: every row's status starts where the header's does
  for (const n of ["teacher", "distill", "finetune", "report"]) assert.equal(row(n).indexOf(n === "report" ? "blocked" : n === "finetune" ? "failed" : "succeeded"), header.indexOf("status"));
});

test("summary: carried params are marked with their origin node (ASCII without colour, ⟵ with)", () => {
  const plain = renderSummary(summary(), false, { width: 120 });
  assert.ok(plain.includes("embedding_size=16 <-teacher"));
  assert.ok(plain.includes("teacher_depth=3 <-teacher"));
  assert.ok(plain.includes("alpha=0.5  embedding_size=16 <-teacher"), "own params first, carried after");
  assert.ok(!plain.includes("learning_rate=0.003 <-"), "an own param is not marked");
  assert.equal(plain.includes("\x1b"), false);
  const coloured = renderSummary(summary(), true, { width: 120 });
  assert.ok(coloured.includes("embedding_size=16 \x1b[36m⟵teacher\x1b[39m"));
});

test("summary: test metrics, lock file, problems and the rerun command", () => {
  const text = renderSummary(summary(), false, { width: 120 });
  assert.ok(text.includes("  teacher  test.auc=0.8011\n"));
  assert.ok(text.includes("  distill  test.auc=0.7954  test.logloss=0.4500\n"));
  assert.ok(text.includes("Lock file  artifacts/locks/run-4.lock.json\n"));
  assert.ok(text.includes("  finetune failed: 0 of 2 trials succeeded\n      exit code 1\n"));
  assert.ok(text.includes("  report blocked: input finetune failed\n"));
  assert.ok(text.includes("3 trials failed. Rerun them with:\n  dagtune rerun --failed --store artifacts\n"));
});

test("summary: a clean run has no problems section and no rerun command", () => {
  const ok = summary({ status: "succeeded", failedTrials: 0, rerunCommand: undefined });
  ok.nodes = ok.nodes.slice(0, 2).map((n) => ({ ...n, failed: 0 }));
  const text = renderSummary(ok, false);
  assert.ok(text.startsWith("Run 4 succeeded in 3m 12s\n"));
  assert.ok(!text.includes("Problems"));
  assert.ok(!text.includes("rerun"));
  assert.ok(!text.includes("failed."));
});

test("summary: width-aware — params wrap in their column, or move under the row when narrow", () => {
  for (const width of [60, 80, 100, 140]) {
    const lines = renderSummary(summary(), false, { width }).split("\n");
    for (const l of lines) assert.ok(visibleWidth(l) <= width, `width ${width}: ${JSON.stringify(l)}`);
  }
  const narrow = renderSummary(summary(), false, { width: 60 }).split("\n");
  const i = narrow.findIndex((l) => l.startsWith("  distill "));
  assert.equal(narrow[i + 1], "      alpha=0.5  embedding_size=16 <-teacher");
  assert.equal(narrow[i + 2], "      teacher_depth=3 <-teacher");
});

test("summary: non-ASCII node names and values with spaces keep the columns aligned", () => {
  const s = summary({ failedTrials: 0, rerunCommand: undefined });
  s.nodes = [
    { ...s.nodes[0]!, name: "教師", selected: { index: 0, value: 0.5, params: { note: "two words", größe: 8 }, carried: {} } },
    { ...s.nodes[1]!, name: "élève" },
  ];
  const lines = renderSummary(s, false, { width: 120 }).split("\n");
  const header = lines.find((l) => l.trimStart().startsWith("node"))!;
  const a = lines.find((l) => l.startsWith("  教師"))!;
  const b = lines.find((l) => l.startsWith("  élève"))!;
  const col = (l: string, word: string) => visibleWidth(l.slice(0, l.indexOf(word)));
  assert.equal(col(a, "succeeded"), col(header, "status"));
  assert.equal(col(b, "succeeded"), col(header, "status"));
  assert.ok(a.endsWith('note="two words"  größe=8'), a);
});
