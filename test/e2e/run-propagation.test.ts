import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { STAGE, calls, dagtune, lastLock } from "./cli.js";
import { projectWith } from "./setup.js";

const setup = projectWith;

const PIPE = `version: 1
name: prop
seed: 7
defaults: {metric: m, goal: maximize}
nodes:
  teacher:
    task: shell
    command: [node, "STAGE"]
    carries: [dim]
    search: {sampler: grid, space: {dim: [8, 16, 32], x: [1, 2]}}
  student:
    task: shell
    inputs: {teacher: teacher}
    command: node "STAGE" {params.dim}
    search: {sampler: random, trials: 2, space: {y: {uniform: [0, 1]}}}
`;

test("the best artifact and its carried param reach every downstream trial; a second run executes 0 trials", () => {
  const s = setup(PIPE);
  const r = dagtune(["run", s.file, "--concurrency", "2"], { env: s.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const students = calls(s.log).filter((c) => c.trial.startsWith("student@"));
  assert.equal(students.length, 2);
  // grid: first dimension slowest -> (16, 2) is index 3, the best
  for (const c of students) {
    assert.equal(c.params.dim, 16);
    assert.deepEqual(c.argv, ["16"]);
    const ckpt = c;
    assert.equal(ckpt.inputs.teacher!.trial, "teacher@3");
    assert.deepEqual(ckpt.inputs.teacher!.params, { dim: 16, x: 2 });
  }
  const lock = lastLock(s.store);
  assert.equal(lock.nodes.teacher.selected.index, 3);
  for (const t of lock.nodes.student.trials) assert.deepEqual(t.carried.dim, { value: 16, from: "teacher@3", origin: "teacher" });

  const plan = dagtune(["plan", s.file, "--json"], { env: s.env });
  assert.equal(plan.code, 0, plan.stderr);
  assert.deepEqual(JSON.parse(plan.stdout).cached, { teacher: 6, student: 2 });

  const before = calls(s.log).length;
  const again = dagtune(["run", s.file], { env: s.env });
  assert.equal(again.code, 0);
  assert.equal(calls(s.log).length, before, "second run executed trials");
  const lock2 = lastLock(s.store);
  assert.deepEqual(
    [...lock2.nodes.teacher.trials, ...lock2.nodes.student.trials].map((t: { status: string }) => t.status),
    Array(8).fill("cached"),
  );
  assert.equal(lock2.nodes.student.selected.index, lock.nodes.student.selected.index);
});

test("best_per pairs each downstream trial with the upstream trial of the same value", () => {
  const s = setup(PIPE.replace("inputs: {teacher: teacher}", "inputs: {teacher: {node: teacher, select: {best_per: [dim]}}}"));
  const r = dagtune(["run", s.file], { env: s.env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const students = calls(s.log).filter((c) => c.trial.startsWith("student@"));
  assert.equal(students.length, 6);
  const pairs = students.map((c) => {
    const teacher = c.inputs.teacher!;
    assert.equal(teacher.params.dim, c.params.dim, "student loaded a teacher of another dim");
    return `${c.params.dim}<-${teacher.trial}`;
  });
  assert.deepEqual([...new Set(pairs)].sort(), ["16<-teacher@3", "32<-teacher@5", "8<-teacher@1"]);
});

test("an edited command reruns only its node; a reformatted but equivalent file is all cache hits", () => {
  const s = setup(PIPE.replace("space: {y: {uniform: [0, 1]}}", "space: {y: {uniform: [0, 1]}, lr: [1.0e-3, 0.01]}"));
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  const n0 = calls(s.log).length;
  assert.equal(n0, 8);

  // Same meaning: block style, other key order, comments, other number spellings.
  fs.writeFileSync(
    s.file,
    `# reformatted
name: prop
version: 1
seed: 7
nodes:
  student:   # declared first now
    search:
      space:
        lr: [0.001, 1e-2]
        y: {uniform: [0.0, 1.0]}
      trials: 2
      sampler: random
    command: node "${STAGE}" {params.dim}
    inputs:
      teacher: {node: teacher, select: best}
    task: shell
  teacher:
    search:
      sampler: grid
      space:   # grid order changes trial indices, not trial keys
        x: [1, 2]
        dim: [8, 16, 32]
    carries: [dim]
    command: [node, "${STAGE}"]
    task: shell
defaults: {goal: maximize, metric: m}
`,
  );
  const r2 = dagtune(["run", s.file], { env: s.env });
  assert.equal(r2.code, 0, r2.stderr + r2.stdout);
  assert.equal(calls(s.log).length, n0, "an equivalent file reran trials");

  fs.writeFileSync(s.file, fs.readFileSync(s.file, "utf8").replace('{params.dim}\n', '{params.dim} --v2\n'));
  const r3 = dagtune(["run", s.file], { env: s.env });
  assert.equal(r3.code, 0, r3.stderr + r3.stdout);
  const fresh = calls(s.log).slice(n0);
  assert.deepEqual(fresh.map((c) => c.trial.split("@")[0]), ["student", "student"]);
  assert.deepEqual(fresh[0]!.argv, ["16", "--v2"]);
});

test("moving the project folder keeps every trial cached", () => {
  const s = setup(PIPE);
  assert.equal(dagtune(["run", s.file], { env: s.env }).code, 0);
  const moved = s.dir + " moved é";
  fs.cpSync(s.dir, moved, { recursive: true });
  after(() => fs.rmSync(moved, { recursive: true, force: true }));
  const log = path.join(moved, "calls.log");
  const n = calls(log).length;
  const r = dagtune(["run", path.join(moved, "pipe.yaml")], { env: { CALLS_LOG: log } });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(calls(log).length, n);
});
