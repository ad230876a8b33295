import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { calls, dagtune, dagtuneAsync, exited, lastLock, waitFor } from "./cli.js";
import { projectWith } from "./setup.js";

// Trials with x >= 3 hang while SLOW_MARKER exists.
const PIPE = `version: 1
name: crash
seed: 3
defaults: {metric: m, goal: maximize}
nodes:
  a:
    task: shell
    command: node "STAGE"
    search: {sampler: grid, space: {x: [1, 2, 3, 4]}}
  b:
    task: shell
    inputs: {a: a}
    command: node "STAGE"
`;

/** If a test failed half-way: stop its orchestrator and the hung trials it started (their own process groups). */
function killTree(pid: number | undefined): void {
  if (!pid || !alive(pid)) return;
  for (const line of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${line}/stat`, "utf8");
      const ppid = Number(stat.split(") ")[1]!.split(" ")[1]);
      if (ppid === pid) process.kill(-Number(line), "SIGKILL");
    } catch {
      /* gone */
    }
  }
  process.kill(pid, "SIGKILL");
}

/** Running (a killed process may stay a zombie until something reaps it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]![0] !== "Z";
  } catch {
    return false;
  }
};

test("kill -9 of the orchestrator: the next run reruns the trials left running, keeps what finished, and stops the orphans", async () => {
  const s = projectWith(PIPE);
  const marker = path.join(s.dir, "slow.marker");
  fs.writeFileSync(marker, "");
  const env = { ...s.env, SLOW_MARKER: marker };
  const child = dagtuneAsync(["run", s.file, "--concurrency", "2"], { env });
  after(() => killTree(child.pid));
  const done = exited(child);
  await waitFor(() => calls(s.log).filter((c) => c.params.x === 3 || c.params.x === 4).length === 2);
  const orphans = calls(s.log).filter((c) => (c.params.x as number) >= 3).map((c) => c.pid);
  child.kill("SIGKILL");
  await done;
  assert.ok(orphans.every(alive), "the hung trials outlive the killed orchestrator");

  const st = dagtune(["status", s.file, "--json"]);
  assert.equal(st.code, 0, st.stderr);
  const view = JSON.parse(st.stdout);
  assert.equal(view.status, "crashed");
  assert.deepEqual([view.nodes[0].running, view.nodes[0].succeeded], [0, 2]);

  fs.rmSync(marker);
  const before = calls(s.log).length;
  const r = dagtune(["run", s.file], { env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout + r.stderr, /2 trial\(s\) left running by a crashed run/);
  const rerun = calls(s.log).slice(before).map((c) => c.trial).sort();
  assert.deepEqual(rerun, ["a@2", "a@3", "b@0"], "finished trials a@0, a@1 were reused");
  await waitFor(() => !orphans.some(alive), 5000); // orphaned trial processes were killed
  const lock = lastLock(s.store);
  assert.deepEqual(lock.nodes.a.trials.map((t: { status: string }) => t.status), ["cached", "cached", "succeeded", "succeeded"]);
});

test("two orchestrators on one store: the second exits 2 naming the holder's pid; Ctrl-C stops the first with 130", async () => {
  const s = projectWith(PIPE);
  const marker = path.join(s.dir, "slow.marker");
  fs.writeFileSync(marker, "");
  const env = { ...s.env, SLOW_MARKER: marker };
  const first = dagtuneAsync(["run", s.file, "--concurrency", "2"], { env });
  after(() => killTree(first.pid));
  const firstDone = exited(first);
  await waitFor(() => calls(s.log).filter((c) => (c.params.x as number) >= 3).length === 2);

  const second = dagtune(["run", s.file], { env });
  assert.equal(second.code, 2);
  assert.match(second.stderr, new RegExp(`pid ${first.pid}\\b`));
  const ran = calls(s.log).length;

  first.kill("SIGINT");
  const r = await firstDone;
  assert.equal(r.code, 130, r.stderr + r.stdout);
  assert.equal(calls(s.log).length, ran, "the second orchestrator ran nothing");
  const lock = lastLock(s.store);
  assert.deepEqual(lock.nodes.a.trials.map((t: { status: string }) => t.status), ["succeeded", "succeeded", "interrupted", "interrupted"]);
  assert.equal(lock.nodes.b.trials.length, 0);
  const hung = calls(s.log).filter((c) => (c.params.x as number) >= 3).map((c) => c.pid);
  await waitFor(() => !hung.some(alive), 5000);
});

test("paths and params with spaces, quotes, semicolons and non-ASCII characters", () => {
  const s = projectWith(
    `version: 1
name: quoting
seed: 1
nodes:
  ünïcode-node:
    task: shell
    metric: m
    goal: maximize
    command: node "STAGE" {params.name} {out} {params.lr}
    search: {sampler: grid, space: {name: ["a b", "it's; echo pwned", "$(touch pwned) \`x\` é"], lr: [1.0e-7]}}
`,
    "dagtune e2e dossier é ",
  );
  const r = dagtune(["run", s.file], { env: s.env, cwd: s.dir });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const cs = calls(s.log);
  assert.deepEqual(cs.map((c) => c.argv[0]).sort(), ["$(touch pwned) `x` é", "a b", "it's; echo pwned"]);
  for (const c of cs) {
    assert.equal(c.argv.length, 3);
    assert.equal(c.argv[1], c.out);
    assert.equal(c.argv[2], "1.0e-7");
    assert.equal(c.params.lr, 1e-7);
  }
  assert.ok(!fs.existsSync(path.join(s.dir, "pwned")));
  assert.equal(dagtune(["show", "ünïcode-node", s.file, "--json"], { env: s.env }).code, 0);
});
