import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { CLI, calls, dagtune, lastLock } from "./cli.js";
import { projectWith } from "./setup.js";

test("a node whose trials all fail: exit 1, downstream blocked and never started, a side branch still succeeds", () => {
  const s = projectWith(`version: 1
name: fail
seed: 1
defaults: {metric: m, goal: maximize, retries: 1}
nodes:
  bad:
    task: shell
    command: node "STAGE"
    params: {mode: fail}
    search: {sampler: grid, space: {x: [1, 2]}}
  down:
    task: shell
    inputs: {up: bad}
    command: node "STAGE"
  side:
    task: shell
    command: node "STAGE"
    search: {sampler: grid, space: {x: [1, 2, 3]}}
`);
  const r = dagtune(["run", s.file], { env: s.env });
  assert.equal(r.code, 1, r.stderr + r.stdout);
  const ran = calls(s.log).map((c) => c.trial);
  assert.equal(ran.filter((t) => t.startsWith("bad@")).length, 4, "2 trials x (1 + 1 retry)");
  assert.equal(ran.filter((t) => t.startsWith("down@")).length, 0);
  assert.equal(ran.filter((t) => t.startsWith("side@")).length, 3);
  const lock = lastLock(s.store);
  assert.equal(lock.nodes.bad.status, "failed");
  assert.equal(lock.nodes.bad.reason, "0 of 2 trials succeeded\n  #0: exit code 3: training diverged at step 7 (bad@0)\n  #1: exit code 3: training diverged at step 7 (bad@1)");
  assert.match(lock.nodes.bad.trials[0].reason, /^exit code 3: training diverged at step 7 \(bad@0\)\nstderr \(last lines\):\ntraining diverged/);
  assert.equal(lock.nodes.bad.trials[0].attempt, 1);
  assert.match(fs.readFileSync(path.join(s.store, lock.nodes.bad.trials[0].logs.stderr), "utf8"), /^training diverged at step 7 \(bad@0\)\n$/);
  assert.equal(lock.nodes.down.status, "blocked");
  assert.equal(lock.nodes.side.status, "succeeded");
  assert.equal(lock.nodes.side.selected.index, 1);
  assert.match(r.stdout, /dagtune rerun --failed --store /);

  const st = dagtune(["status", s.file, "--json"]);
  assert.equal(st.code, 0, st.stderr);
  const byName = Object.fromEntries(JSON.parse(st.stdout).nodes.map((n: { name: string }) => [n.name, n]));
  assert.deepEqual([byName.bad.status, byName.bad.failed, byName.bad.succeeded], ["failed", 2, 0]);
  assert.deepEqual([byName.down.status, byName.down.done], ["blocked", 0]);
  assert.deepEqual([byName.side.status, byName.side.succeeded, byName.side.best.index], ["succeeded", 3, 1]);
  const show = dagtune(["show", "side", s.file, "--json"]);
  assert.equal(show.code, 0, show.stderr);
  const view = JSON.parse(show.stdout);
  assert.equal(view.selected[0].index, 1);
  assert.equal(view.selected[0].params.x, 2);
  assert.ok(fs.existsSync(path.join(view.selected[0].artifact, "ckpt.json")));
  const none = dagtune(["show", "sid", s.file]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /did you mean "?side"?/);
});

test("NaN, -Infinity and missing metrics fail their trials with the metric named; the node selects among the rest", () => {
  const s = projectWith(`version: 1
name: nan
seed: 1
nodes:
  n:
    task: shell
    metric: m
    goal: maximize
    command: node "STAGE"
    search: {sampler: grid, space: {mode: [nan, missing, infinity, ok]}}
`);
  const r = dagtune(["run", s.file], { env: s.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const t = lastLock(s.store).nodes.n.trials;
  assert.deepEqual(
    t.map((x: { status: string; reason: string | null }) => [x.status, x.reason]),
    [
      ["failed", "m is NaN (reported: m, loss)"],
      ["failed", "metric m is missing (reported: loss)"],
      ["failed", "m is -Infinity (reported: m)"],
      ["succeeded", null],
    ],
  );
  assert.equal(lastLock(s.store).nodes.n.selected.index, 3);
});

test("ties: the lowest trial index wins at any concurrency and on a fresh store", () => {
  // Every trial reports the same score: trials finish in any order, index 0 must win.
  const yaml = `version: 1
name: ties
seed: 1
nodes:
  t:
    task: shell
    metric: m
    goal: maximize
    params: {score: 0.9}
    command: node "STAGE"
    search: {sampler: grid, space: {x: [5, 4, 3, 2, 1]}}
`;
  const picks: number[] = [];
  for (const conc of ["1", "3", "5"]) {
    const s = projectWith(yaml);
    const r = dagtune(["run", s.file, "--concurrency", conc], { env: s.env });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    picks.push(lastLock(s.store).nodes.t.selected.index);
  }
  assert.deepEqual(picks, [0, 0, 0]);
});

test("rerun --failed reruns exactly the failed trials and re-selects", () => {
  const s = projectWith(`version: 1
name: flaky
seed: 1
defaults: {metric: m, goal: maximize}
nodes:
  a:
    task: shell
    command: node "STAGE"
    search: {sampler: grid, space: {mode: [flaky, ok], x: [1, 2]}}
  b:
    task: shell
    inputs: {a: a}
    command: node "STAGE"
`);
  const marker = path.join(s.dir, "flaky.marker");
  fs.writeFileSync(marker, "");
  const env = { ...s.env, FLAKY_MARKER: marker };
  const r1 = dagtune(["run", s.file], { env });
  assert.equal(r1.code, 0, r1.stderr + r1.stdout);
  assert.equal(lastLock(s.store).nodes.a.selected.index, 3, "ok/x=2 is best while flaky fails");
  const n1 = calls(s.log).length;
  fs.rmSync(marker);
  // Editing the file afterwards does not change what `rerun` reruns: it uses the run as recorded.
  fs.writeFileSync(s.file, fs.readFileSync(s.file, "utf8").replace("x: [1, 2]", "x: [1, 2, 3]"));
  const r2 = dagtune(["rerun", "--failed", "--store", s.store], { env });
  assert.equal(r2.code, 0, r2.stderr + r2.stdout);
  const again = calls(s.log).slice(n1).map((c) => c.trial);
  assert.deepEqual(again.filter((t) => t.startsWith("a@")).sort(), ["a@0", "a@1"]);
  const lock = lastLock(s.store);
  assert.deepEqual(lock.nodes.a.trials.map((t: { status: string }) => t.status), ["succeeded", "succeeded", "cached", "cached"]);
  // flaky/x=2 now ties ok/x=2 on the metric: the lower index wins
  assert.equal(lock.nodes.a.selected.index, 1);
  const r3 = dagtune(["rerun", "--failed", "--store", s.store], { env });
  assert.equal(r3.code, 0);
  assert.match(r3.stderr, /nothing to rerun: run 2 .* succeeded/);
});

test("changing a node's metric re-reads cached results: selection follows the new metric; a metric nobody reported fails", () => {
  const s = projectWith(`version: 1
name: metric
seed: 1
nodes:
  n:
    task: shell
    metric: m
    goal: maximize
    command: node "STAGE"
    search: {sampler: grid, space: {x: [1, 2, 4]}}
`);
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  assert.equal(lastLock(s.store).nodes.n.selected.index, 1); // m = -(x-2)^2: best at x=2
  const n0 = calls(s.log).length;

  fs.writeFileSync(s.file, fs.readFileSync(s.file, "utf8").replace("metric: m\n    goal: maximize", "metric: test.m\n    goal: minimize"));
  const r = dagtune(["run", s.file], { env: s.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const lock = lastLock(s.store);
  assert.equal(lock.nodes.n.selected.index, 2); // test.m = m/2: lowest at x=4
  assert.deepEqual(lock.nodes.n.trials.map((t: { value: number }) => t.value), [-0.5, 0, -2]);
  assert.equal(calls(s.log).length, n0, "a metric change reruns nothing");

  fs.writeFileSync(s.file, fs.readFileSync(s.file, "utf8").replace("metric: test.m", "metric: valid.auc"));
  const bad = dagtune(["run", s.file], { env: s.env });
  assert.equal(bad.code, 1, bad.stderr + bad.stdout);
  assert.match(lastLock(s.store).nodes.n.reason, /^0 of 3 trials succeeded\n {2}#0: cached result: metric valid\.auc is missing \(reported: m, test\.m\)/);
});

test("trials with the same key in one run execute once; a metrics.json folder fails its trial, not the run", () => {
  const s = projectWith(`version: 1
name: dup
seed: 1
defaults: {metric: m, goal: maximize}
nodes:
  dup:
    task: shell
    command: node "STAGE"
    search: {sampler: random, trials: 6, space: {x: [1, 2]}}
  weird:
    task: shell
    command: mkdir {out}/metrics.json
`);
  const r = dagtune(["run", s.file, "--concurrency", "3"], { env: s.env });
  assert.equal(r.code, 1, r.stderr + r.stdout);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  const lock = lastLock(s.store);
  const ran = calls(s.log).filter((c) => c.trial.startsWith("dup@"));
  const distinct = new Set(lock.nodes.dup.trials.map((t: { params: { x: number } }) => t.params.x));
  assert.ok(distinct.size < 6, "a 2-value space repeats itself over 6 random trials");
  assert.equal(ran.length, distinct.size, "one execution per distinct key");
  assert.equal(lock.nodes.dup.trials.filter((t: { status: string }) => t.status === "cached").length, 6 - distinct.size);
  assert.equal(lock.nodes.weird.trials[0].reason, "cannot read metrics.json: it is a folder");
});

test("piping run into head: the run still finishes and records everything, with its exit code", () => {
  const s = projectWith(`version: 1
name: pipe
seed: 1
nodes:
  n:
    task: shell
    metric: m
    goal: maximize
    command: node "STAGE"
    search: {sampler: grid, space: {x: [1, 2, 3, 4]}}
`);
  const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${CLI}" run "${s.file}" --concurrency 1 | head -1`], {
    encoding: "utf8",
    env: { ...process.env, ...s.env, NO_COLOR: "1" },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split("\n").filter(Boolean).length, 1);
  assert.equal(calls(s.log).length, 4);
  assert.equal(lastLock(s.store).nodes.n.status, "succeeded");
});
