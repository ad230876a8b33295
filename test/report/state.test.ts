import { test } from "node:test";
import assert from "node:assert/strict";
import { applyEvent, etaMs, newRunProgress, doneCount } from "../../src/report/state.js";
import { EVENTS } from "./fixture.js";

test("state: counts per node after the scripted run; retried attempts are not failures", () => {
  const st = newRunProgress();
  EVENTS.forEach((e, i) => applyEvent(st, e, 1000 * i));
  const t = st.nodes.get("teacher")!;
  assert.deepEqual([t.succeeded, t.cached, t.failed, t.retried, doneCount(t), t.running.size], [2, 1, 0, 0, 3, 0]);
  assert.deepEqual(t.best, { index: 1, value: 0.85 });
  assert.equal(t.phase, "succeeded");
  const side = st.nodes.get("side")!;
  assert.deepEqual([side.succeeded, side.failed, side.retried, doneCount(side)], [0, 1, 1, 1]);
  assert.equal(st.nodes.get("student")!.phase, "blocked");
  assert.deepEqual(st.nodes.get("student")!.inputs, ["side", "teacher"]);
});

test("state: best so far follows the goal, ties go to the lowest index", () => {
  const st = newRunProgress();
  applyEvent(st, { type: "run-start", runId: 1, pipeline: "p", store: "s", concurrency: 1, nodes: [{ name: "n", trials: 4, metric: "loss", goal: "minimize" }] }, 0);
  const end = (index: number, value: number) =>
    applyEvent(st, { type: "trial-end", node: "n", index, attempt: 0, outcome: "succeeded", value, metrics: { loss: value }, durationMs: 1 }, 0);
  end(2, 0.5);
  end(3, 0.7);
  assert.deepEqual(st.nodes.get("n")!.best, { index: 2, value: 0.5 });
  end(1, 0.5);
  assert.deepEqual(st.nodes.get("n")!.best, { index: 1, value: 0.5 });
  end(0, 0.2);
  assert.deepEqual(st.nodes.get("n")!.best, { index: 0, value: 0.2 });
});

test("ETA: remaining trials × mean duration over the parallelism, minus time already spent by running trials", () => {
  const st = newRunProgress();
  applyEvent(st, { type: "run-start", runId: 1, pipeline: "p", store: "s", concurrency: 2, nodes: [{ name: "n", trials: 6 }] }, 0);
  applyEvent(st, { type: "node-start", node: "n", trials: 6 }, 0);
  const n = st.nodes.get("n")!;
  assert.equal(etaMs(n, 2, 0), null); // nothing finished yet: no basis
  for (const [i, d] of [[0, 10_000], [1, 20_000]] as const) {
    applyEvent(st, { type: "trial-start", node: "n", index: i, attempt: 0, params: {} }, 0);
    applyEvent(st, { type: "trial-end", node: "n", index: i, attempt: 0, outcome: "succeeded", value: 1, metrics: {}, durationMs: d }, d);
  }
  applyEvent(st, { type: "trial-start", node: "n", index: 2, attempt: 0, params: {} }, 20_000);
  applyEvent(st, { type: "trial-start", node: "n", index: 3, attempt: 0, params: {} }, 20_000);
  // mean 15s; 4 left at 2 at a time = 30s; the 2 running ones are 5s in → 25s
  assert.equal(etaMs(n, 2, 25_000), 25_000);
  // cached trials add no duration sample
  applyEvent(st, { type: "trial-end", node: "n", index: 4, attempt: 0, outcome: "cached", value: 1, metrics: {}, durationMs: 0 }, 25_000);
  assert.equal(n.durations.length, 2);
});
