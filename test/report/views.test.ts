import { test } from "node:test";
import assert from "node:assert/strict";
import { renderShow, renderStatus, type ShowView, type StatusView } from "../../src/report/index.js";

const status: StatusView = {
  runId: 4,
  pipeline: "/p/kd.yaml",
  status: "running",
  startedAt: "2026-12-03T17:00:00.000Z",
  finishedAt: null,
  store: "/p/artifacts",
  lockFile: null,
  nodes: [
    { name: "teacher", status: "succeeded", metric: "valid.auc", goal: "maximize", total: 6, done: 6, succeeded: 4, failed: 0, cached: 2, running: 0, best: { index: 3, value: 0.81234 } },
    { name: "distill", status: "running", metric: "valid.auc", goal: "maximize", total: 12, done: 5, succeeded: 4, failed: 1, cached: 0, running: 2, best: { index: 2, value: 0.79 } },
    { name: "finetune", status: "blocked", metric: "valid.loss", goal: "minimize", total: 6, done: 0, succeeded: 0, failed: 0, cached: 0, running: 0, best: null, reason: "input distill failed" },
  ],
};

test("status: per node done/total, running, failed, cached and best so far", () => {
  const lines = renderStatus(status).split("\n");
  assert.equal(lines[0], "Run 4 running");
  assert.ok(lines.includes("  store      /p/artifacts"));
  const cols = (name: string) => lines.find((l) => l.startsWith(`  ${name} `))!.trim().split(/\s{2,}/);
  assert.deepEqual(cols("teacher"), ["teacher", "succeeded", "6/6", "0", "0", "2", "valid.auc=0.8123 (#3)"]);
  assert.deepEqual(cols("distill"), ["distill", "running", "5/12", "2", "1", "0", "valid.auc=0.7900 (#2)"]);
  assert.deepEqual(cols("finetune"), ["finetune", "blocked", "0/6", "0", "0", "0", "-", "input distill failed"]);
  assert.equal(renderStatus(status).includes("\x1b"), false);
  assert.ok(renderStatus(status, true).includes("\x1b[32msucceeded"));
});

const show: ShowView = {
  runId: 4,
  node: "distill",
  task: "ctr.distill",
  status: "succeeded",
  metric: "valid.auc",
  goal: "maximize",
  selected: [
    {
      index: 7,
      value: 0.80121,
      status: "succeeded",
      seed: 12345,
      params: { embedding_size: 16, alpha: 0.5 },
      carried: { embedding_size: { value: 16, from: "teacher@3", origin: "teacher" } },
      metrics: { "valid.auc": 0.80121, "test.auc": 0.7954 },
      artifact: "/p/artifacts/objects/ab/cdef",
    },
  ],
};

test("show: selected trial with index, params (carried marked, with origin and source trial), metrics, artifact path", () => {
  const lines = renderShow(show).split("\n");
  assert.equal(lines[0], "distill (ctr.distill): succeeded in run 4; metric valid.auc (maximize)");
  assert.ok(lines.includes("trial 7  succeeded  valid.auc=0.8012"));
  assert.ok(lines.includes("  artifact  /p/artifacts/objects/ab/cdef"));
  assert.ok(lines.includes("  seed      12345"));
  const a = lines.indexOf("    alpha           0.5");
  const e = lines.indexOf("    embedding_size  16  <-teacher (from teacher@3)");
  assert.ok(a > 0 && e === a + 1, "own params first, then carried ones");
  assert.ok(lines.includes("    test.auc   0.7954"));
  assert.ok(renderShow(show, true).includes("⟵teacher"));
});

test("show: a node without a selection says so", () => {
  const text = renderShow({ ...show, status: "failed", selected: [], reason: "0 of 3 trials succeeded" });
  assert.equal(text, "distill (ctr.distill): failed in run 4; metric valid.auc (maximize)\n  0 of 3 trials succeeded\n  no selected trial\n");
});
