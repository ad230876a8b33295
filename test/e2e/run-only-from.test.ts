import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { STAGE, calls, dagtune, lastLock } from "./cli.js";
import { projectWith } from "./setup.js";

const PIPE = `version: 1
name: subset
seed: 5
defaults: {metric: m, goal: maximize}
nodes:
  a:
    task: shell
    command: node "STAGE" v1
    carries: [x]
    search: {sampler: grid, space: {x: [1, 2]}}
  b:
    task: shell
    inputs: {a: a}
    command: node "STAGE" v1
  c:
    task: shell
    inputs: {b: b}
    command: node "STAGE" v1
  side:
    task: shell
    command: node "STAGE" v1
`;

test("--only NODE needs its inputs cached; --from NODE runs it and its descendants only", () => {
  const s = projectWith(PIPE);
  // Nothing cached yet: b's input a has no results -> a fails (not run), b blocked, exit 1.
  const r0 = dagtune(["run", s.file, "--only", "b"], { env: s.env });
  assert.equal(r0.code, 1, r0.stdout + r0.stderr);
  assert.equal(calls(s.log).length, 0);
  assert.match(lastLock(s.store).nodes.a.reason, /no cached results/);

  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  const n0 = calls(s.log).length;
  assert.equal(n0, 5);

  // Change b's and c's commands: --only b reruns b alone (a from cache, c and side skipped).
  fs.writeFileSync(s.file, fs.readFileSync(s.file, "utf8").replace(/(  [bc]:\n(?:    .*\n)*?    command: node "[^"]+") v1/g, "$1 v2"));
  const r1 = dagtune(["run", s.file, "--only", "b"], { env: s.env });
  assert.equal(r1.code, 0, r1.stdout + r1.stderr);
  assert.deepEqual(calls(s.log).slice(n0).map((c) => c.trial), ["b@0"]);
  const lock = lastLock(s.store);
  assert.equal(lock.nodes.c.status, "skipped");
  assert.equal(lock.nodes.side.status, "skipped");

  // --from b: b is cached now, c runs, a is reused, side skipped.
  const r2 = dagtune(["run", s.file, "--from", "b"], { env: s.env });
  assert.equal(r2.code, 0, r2.stdout + r2.stderr);
  assert.deepEqual(calls(s.log).slice(n0 + 1).map((c) => c.trial), ["c@0"]);

  const bad = dagtune(["run", s.file, "--only", "bb"], { env: s.env });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /did you mean "?b"?/);
});

test("--force NODE reruns that node even though it is cached", () => {
  const s = projectWith(PIPE);
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  const n0 = calls(s.log).length;
  const r = dagtune(["run", s.file, "--force", "side"], { env: s.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(calls(s.log).slice(n0).map((c) => c.trial), ["side@0"]);
});

test("deps: editing a declared script reruns its node; a missing dep is exit 2 before anything runs", () => {
  const s = projectWith(`version: 1
name: deps
seed: 5
defaults: {metric: m, goal: maximize}
nodes:
  a:
    task: shell
    command: node train.mjs
    deps: [train.mjs, conf]
    search: {sampler: grid, space: {x: [1, 2]}}
  b:
    task: shell
    command: node "STAGE"
`);
  fs.copyFileSync(STAGE, path.join(s.dir, "train.mjs"));
  fs.mkdirSync(path.join(s.dir, "conf"));
  fs.writeFileSync(path.join(s.dir, "conf", "c.json"), "{}");
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  assert.equal(calls(s.log).length, 3);
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  assert.equal(calls(s.log).length, 3, "unchanged deps: all cached");

  fs.appendFileSync(path.join(s.dir, "conf", "c.json"), "\n");
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  assert.deepEqual(calls(s.log).slice(3).map((c) => c.trial).sort(), ["a@0", "a@1"]);

  fs.rmSync(path.join(s.dir, "train.mjs"));
  const r = dagtune(["run", s.file], { env: s.env });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pipe\.yaml:6:3: error E_DEP_MISSING: deps of node "a": train\.mjs does not exist/);
  assert.equal(calls(s.log).length, 5);
});
