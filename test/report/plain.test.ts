import { test } from "node:test";
import assert from "node:assert/strict";
import { createReporter } from "../../src/report/index.js";
import { EVENTS, MemStream, steppingClock } from "./fixture.js";

function runPlain(color = false, verbose = false, events = EVENTS): string[] {
  const s = new MemStream();
  const r = createReporter({ mode: "plain", color, stream: s, verbose, now: steppingClock() });
  for (const e of events) r.event(e);
  r.close();
  assert.ok(s.text.endsWith("\n"));
  return s.text.slice(0, -1).split("\n");
}

test("plain: one line per event (plus indented stderr tails), in event order", () => {
  const lines = runPlain();
  const top = lines.filter((l) => !l.startsWith("    "));
  assert.equal(top.length, EVENTS.length);
  assert.equal(lines.length, EVENTS.length + 3); // 2 tail lines under the first failure, 1 under the second
  assert.equal(top[0], "run 7 started: pipelines/kd.yaml (3 nodes, 6 trials, concurrency 2, backend cpu, store artifacts)");
  assert.equal(top.at(-1), "run 7 failed in 1m 20s; lock file: artifacts/locks/run-7.lock.json");
});

test("plain: trial lines carry outcome, the node's metric name and value, duration", () => {
  const lines = runPlain();
  assert.ok(lines.includes("[teacher] trial 0 cached valid.auc=0.8123"));
  assert.ok(lines.includes("[teacher] trial 1 started embedding_size=16 learning_rate=0.003"));
  assert.ok(lines.includes("[teacher] trial 1 epoch 3/10 valid.auc=0.7700"));
  assert.ok(lines.includes("[teacher] trial 1 succeeded valid.auc=0.8500 (12.3s)"));
  assert.ok(lines.includes("[teacher] trial 2 succeeded valid.auc=0.8000 (1m 05s)"));
  assert.ok(lines.includes("[side] trial 0 started (attempt 2) lr=0.01"));
});

test("plain: failures show the reason's first line, then the stderr tail indented", () => {
  const lines = runPlain();
  const i = lines.indexOf("[side] trial 0 failed (attempt 1, retrying) (1.5s): exit code 1; stderr:");
  assert.ok(i >= 0, lines.join("\n"));
  assert.deepEqual(lines.slice(i + 1, i + 3), ["    Traceback (most recent call last):", "    ValueError: bad lr"]);
  const j = lines.indexOf("[side] trial 0 failed (attempt 2, giving up) (1.4s): exit code 1; stderr:");
  assert.ok(j > i);
  assert.equal(lines[j + 1], "    ValueError: bad lr");
});

test("plain: node ends with counts, selection and best; blocked names its input", () => {
  const lines = runPlain();
  const teacher = lines.find((l) => l.startsWith("[teacher] succeeded"));
  assert.match(teacher!, /: selected trial 1 valid\.auc=0\.8500 \(2 succeeded, 1 cached, 0 failed\)$/);
  const side = lines.find((l) => l.startsWith("[side] failed"));
  assert.match(side!, /: 0 of 1 trials succeeded \(0 succeeded, 0 cached, 1 failed, 1 retried\)$/);
  assert.ok(lines.includes("[student] blocked: input side failed"));
  assert.ok(lines.includes("warning: tfjs-node not installed; using the wasm backend"));
});

test("plain with colour off writes zero ESC bytes; with colour on it colours outcomes", () => {
  const plain = runPlain(false).join("\n");
  assert.equal(plain.includes("\x1b"), false);
  const coloured = runPlain(true).join("\n");
  assert.ok(coloured.includes("\x1b[32msucceeded\x1b[39m"));
  assert.ok(coloured.includes("\x1b[31mfailed\x1b[39m"));
});

test("plain: a long stderr tail is cut to its last lines unless --verbose", () => {
  const reason = "exit code 2; stderr:\n" + Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
  const ev = [
    { type: "trial-end" as const, node: "n", index: 0, attempt: 0, outcome: "failed" as const, value: null, metrics: null, reason, durationMs: 10 },
  ];
  const short = runPlain(false, false, ev);
  assert.equal(short.length, 1 + 1 + 12);
  assert.equal(short[1], "    ... (18 earlier lines; --verbose shows all)");
  assert.equal(short.at(-1), "    line 30");
  assert.equal(short[2], "    line 19");
  const full = runPlain(false, true, ev);
  assert.equal(full.length, 31);
  assert.equal(full[1], "    line 1");
});

test("plain: string params with spaces are quoted so the line stays parseable", () => {
  const lines = runPlain(false, false, [{ type: "trial-start", node: "n", index: 2, attempt: 0, params: { path: "my data/ü.csv", k: 3, on: true } }]);
  assert.deepEqual(lines, ['[n] trial 2 started path="my data/ü.csv" k=3 on=true']);
});
