import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { calls, dagtune, lastLock } from "./cli.js";
import { projectWith } from "./setup.js";

const PIPE = `version: 1
name: extend
seed: 11
nodes:
  n:
    task: shell
    metric: m
    goal: maximize
    command: node "STAGE"
    search:
      sampler: tpe
      trials: 6
      startup: 3
      space: {x: {uniform: [0, 4]}, y: {loguniform: [0.01, 1]}}
`;

test("raising a TPE search's trials keeps the finished ones (cache hits) and continues; the same params at any concurrency", () => {
  const s = projectWith(PIPE);
  assert.equal(dagtune(["run", s.file, "--concurrency", "1"], { env: s.env }).code, 0);
  const first = lastLock(s.store).nodes.n.trials.map((t: { params: unknown }) => t.params);
  assert.equal(first.length, 6);

  fs.writeFileSync(s.file, fs.readFileSync(s.file, "utf8").replace("trials: 6", "trials: 10"));
  const r = dagtune(["run", s.file, "--concurrency", "2"], { env: s.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const lock = lastLock(s.store);
  assert.deepEqual(lock.nodes.n.trials.slice(0, 6).map((t: { status: string }) => t.status), Array(6).fill("cached"));
  assert.deepEqual(lock.nodes.n.trials.slice(0, 6).map((t: { params: unknown }) => t.params), first);
  assert.equal(calls(s.log).length, 10);

  // A fresh store at concurrency 3 proposes exactly the same 10 trials.
  const fresh = projectWith(PIPE.replace("trials: 6", "trials: 10"));
  assert.equal(dagtune(["run", fresh.file, "--concurrency", "3"], { env: fresh.env }).code, 0);
  assert.deepEqual(
    lastLock(fresh.store).nodes.n.trials.map((t: { params: unknown }) => t.params),
    lock.nodes.n.trials.map((t: { params: unknown }) => t.params),
  );
});
