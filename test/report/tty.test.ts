import { test } from "node:test";
import assert from "node:assert/strict";
import { createReporter } from "../../src/report/index.js";
import { LiveArea } from "../../src/report/live.js";
import { makeStyle } from "../../src/report/style.js";
import { stripAnsi } from "../../src/report/format.js";
import type { EngineEvent } from "../../src/engine/events.js";
import { EVENTS, MemStream, steppingClock } from "./fixture.js";
import { VirtualTerminal } from "./vt.js";

function runTty(events: EngineEvent[], opts: { color?: boolean; columns?: number; rows?: number; now?: () => number } = {}): MemStream {
  const s = new MemStream();
  s.isTTY = true;
  s.columns = opts.columns ?? 100;
  s.rows = opts.rows;
  const r = createReporter({ mode: "tty", color: opts.color ?? false, stream: s, verbose: false, now: opts.now ?? steppingClock() });
  for (const e of events) r.event(e);
  r.close();
  return s;
}

const CURSOR_CONTROLS = /\x1b\[(?:\?25[lh]|\d+A|K|J)/g;

test("tty with colour off: the only escape codes are cursor moves and clears", () => {
  const s = runTty(EVENTS);
  assert.ok(s.text.length > 0);
  assert.equal(s.text.replace(CURSOR_CONTROLS, "").includes("\x1b"), false);
  assert.ok(s.text.startsWith("\x1b[?25l"), "cursor hidden while live");
  assert.ok(s.text.endsWith("\x1b[?25h"), "cursor shown again on close");
});

test("tty: replayed on a terminal, log lines sit above one final live frame, nothing garbled", () => {
  const s = runTty(EVENTS);
  const vt = new VirtualTerminal(100);
  vt.write(s.text);
  const screen = vt.lines();
  assert.deepEqual(screen.slice(0, 10), [
    "run 7 started: pipelines/kd.yaml (3 nodes, 6 trials, concurrency 2, backend cpu, store artifacts)",
    "[side] trial 0 failed (attempt 1, retrying) (1.5s): exit code 1; stderr:",
    "    Traceback (most recent call last):",
    "    ValueError: bad lr",
    "[side] trial 0 failed (attempt 2, giving up) (1.4s): exit code 1; stderr:",
    "    ValueError: bad lr",
    screen[6],
    "[student] blocked: input side failed",
    "warning: tfjs-node not installed; using the wasm backend",
    screen[9],
  ]);
  assert.match(screen[6]!, /^\[side\] failed in \S+: 0 of 1 trials succeeded/);
  assert.match(screen[9]!, /^\[teacher\] succeeded in \S+: selected trial 1 valid\.auc=0\.8500/);
  const frame = screen.slice(10);
  assert.equal(frame.length, 4, screen.join("\n"));
  assert.equal(frame[0], "dagtune run 7 | 4/6 trials | 1m 20s | concurrency 2"); // the blocked student's 2 never ran
  assert.match(frame[1]!, /^teacher  \[#{16}\]  3\/3  1 cached  best valid\.auc=0\.8500  \(#1\)  \S+  done$/);
  assert.match(frame[2]!, /^side     \[#{16}\]  1\/1  1 failed \| 1 retried  \S+  failed: 0 of 1 trials succeeded$/);
  assert.equal(frame[3], "student  blocked (input side failed)");
});

test("tty: waiting nodes name their inputs; running trials show their epoch; best so far updates", () => {
  const s = runTty(EVENTS, { columns: 140 });
  const text = stripAnsi(s.text);
  assert.ok(text.includes("student  waiting for side, teacher"));
  assert.match(text, /teacher  \[#{5}-{11}\]  1\/3  1 running \| 1 cached  best valid\.auc=0\.8123  \(#0\)  \S+  eta \?  epoch 3\/10/);
  assert.match(text, /teacher  \[#{11}-{5}\]  2\/3  1 cached  best valid\.auc=0\.8500/);
});

test("tty: on a narrow terminal no frame line wraps (pieces drop, bars shrink)", () => {
  for (const cols of [40, 60, 80]) {
    const s = runTty(EVENTS, { columns: cols });
    const vt = new VirtualTerminal(cols);
    vt.write(s.text);
    const screen = vt.lines();
    // exactly one live frame left, at the bottom, one row per node
    assert.equal(screen.filter((l) => l.startsWith("dagtune run 7")).length, 1, screen.join("\n"));
    const frame = screen.slice(screen.findIndex((l) => l.startsWith("dagtune run 7")));
    assert.equal(frame.length, 4, `cols ${cols}:\n${screen.join("\n")}`);
    for (const l of frame) assert.ok(l.length <= cols - 1, `cols ${cols}: ${l}`);
    assert.ok(frame[1]!.startsWith("teacher "));
    assert.ok(frame[3]!.startsWith("student "));
  }
  const s80 = stripAnsi(runTty(EVENTS, { columns: 80 }).text);
  assert.match(s80, /teacher  \[#{8}\]  3\/3/, "the bar shrinks to 8 before the line loses its bar");
  // at 100 columns the first frame with a running trial keeps bar, counts, best, eta and epoch
  const s100 = stripAnsi(runTty(EVENTS, { columns: 100 }).text);
  assert.match(s100, /teacher  \[#{3}-{5}\]  1\/3  1 running \| 1 cached  best valid\.auc=0\.8123  \S+  eta \?  epoch 3\/10\n/);
});

test("tty: redraws are throttled: a burst of progress events draws no extra frames", () => {
  const start: EngineEvent[] = [EVENTS[0]!, EVENTS[1]!, { type: "trial-start", node: "teacher", index: 1, attempt: 0, params: {} }];
  const burst: EngineEvent[] = Array.from({ length: 50 }, (_, i) => ({
    type: "trial-progress" as const,
    node: "teacher",
    index: 1,
    progress: { epoch: i + 1, epochs: 50, metrics: {} },
  }));
  const frozen = () => 1_700_000_000_000;
  const s = runTty([...start, ...burst], { now: frozen });
  const frames = s.text.split("dagtune run 7").length - 1;
  assert.equal(frames, 2); // the run-start frame and the final one on close
  assert.ok(stripAnsi(s.text).includes("epoch 50/50"));
});

test("tty: a terminal with few rows shows the running nodes and a count of the hidden ones", () => {
  const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `n${i}`, trials: 2, metric: "m" }));
  const ev: EngineEvent[] = [
    { type: "run-start", runId: 1, pipeline: "p.yaml", store: "s", concurrency: 1, nodes },
    { type: "node-start", node: "n7", trials: 2 },
    { type: "trial-start", node: "n7", index: 0, attempt: 0, params: {} },
  ];
  const s = runTty(ev, { rows: 6 });
  const vt = new VirtualTerminal(100);
  vt.write(s.text);
  const screen = vt.lines();
  const frame = screen.slice(screen.findIndex((l) => l.startsWith("dagtune run 1")));
  assert.equal(frame.length, 5);
  // kept in pipeline order, the running node among them
  assert.deepEqual(frame.slice(1, 4).map((l) => l.split(" ")[0]), ["n0", "n1", "n7"]);
  assert.match(frame[3]!, /^n7 +\[-+\]  0\/2  1 running/);
  assert.equal(frame[4], "... 7 more nodes");
});

test("tty with colour on uses colours and Unicode bars", () => {
  const s = runTty(EVENTS, { color: true });
  assert.ok(s.text.includes("\x1b[32m"));
  assert.ok(s.text.includes("█"));
});

test("LiveArea: after the terminal narrows, cursor-up covers the rows the old frame wraps into", () => {
  const out = new MemStream();
  let cols = 100;
  const area = new LiveArea(out, makeStyle(false), () => cols, () => undefined);
  area.draw(["x".repeat(80), "short"]);
  cols = 40;
  out.chunks = [];
  area.draw(["y"]);
  // 80 columns at width 40 take 2 rows, plus 1 for "short"
  assert.ok(out.text.startsWith("\x1b[3A\r"), JSON.stringify(out.text));
  out.chunks = [];
  area.draw(["z"]);
  assert.ok(out.text.startsWith("\x1b[1A\r"));
});
