import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openStore } from "../../src/store/index.js";
import { procState, spawnStoreScript, tempDir, waitGone } from "./helpers.js";

const T = (runId: string, node: string, index: number) =>
  `{ runId: ${runId}, node: ${JSON.stringify(node)}, index: ${index}, attempt: 0, key: "${"k".repeat(64)}", seed: 1, params: { lr: 0.1 }, carried: {}, inputs: {} }`;

test("kill -9 of an orchestrator mid-run: running trials become interrupted, orphans are killed, tmp is cleaned, finished work is kept", async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const root = path.join(dir, "store");
  // The "orchestrator": one trial finished, one running with a live process group and a work dir.
  const orch = spawnStoreScript(
    dir,
    `
    import { spawn } from "node:child_process";
    import fs from "node:fs";
    const s = store.openStore(root);
    const lock = s.lock();
    const run = s.beginRun({ pipelineFile: "/p.yaml", pipelineName: "p", declaration: "{}", argv: [] });
    const done = s.beginTrial(${T("run.id", "a", 0)});
    const w0 = s.newWorkDir(done.id);
    fs.writeFileSync(w0 + "/m.bin", "done");
    const digest = s.commitArtifact(w0);
    s.finishTrial(done.id, { status: "succeeded", metrics: { auc: 0.5 }, value: 0.5, reason: null, artifact: digest });
    const tr = s.beginTrial(${T("run.id", "a", 1)});
    const trial = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
    s.setTrialPid(tr.id, trial.pid);
    const work = s.newWorkDir(tr.id);
    fs.writeFileSync(work + "/partial.bin", "half");
    say({ runId: run.id, done: done.id, trialId: tr.id, pgid: trial.pid, work, digest });
    setInterval(() => {}, 1000);
    `,
    root,
  );
  const info = (await orch.first) as { runId: number; done: number; trialId: number; pgid: number; work: string; digest: string };
  const orphan = info.pgid;
  t.after(() => { try { process.kill(-orphan, "SIGKILL"); } catch { /* already gone */ } });
  const orchPid = orch.child.pid!;
  orch.child.kill("SIGKILL");
  await orch.exited;
  await waitGone(orchPid);
  assert.equal(procState(orphan) !== null && procState(orphan) !== "Z", true, "the orphaned trial outlived its orchestrator");

  const store = openStore(root);
  t.after(() => store.close());
  const stale: number[] = [];
  const lock = store.lock((p) => stale.push(p));
  t.after(() => lock.release());
  assert.deepEqual(stale, [orchPid]);
  // A live run of this process is left alone.
  const mine = store.beginRun({ pipelineFile: "/p.yaml", pipelineName: "p", declaration: "{}", argv: [] });
  const mineTrial = store.beginTrial({ runId: mine.id, node: "a", index: 1, attempt: 0, key: "k".repeat(64), seed: 1, params: {}, carried: {}, inputs: {} });
  const myWork = store.newWorkDir(mineTrial.id);

  const recovered = store.recoverCrashed();
  assert.deepEqual(recovered.map((r) => [r.id, r.status, r.reason]), [[info.trialId, "interrupted", `orchestrator died (pid ${orchPid})`]]);
  assert.equal(store.getTrial(info.trialId)?.status, "interrupted");
  assert.notEqual(store.getTrial(info.trialId)?.finishedAt, null);
  assert.equal(store.getRun(info.runId)?.status, "crashed");
  const kept = store.getTrial(info.done)!;
  assert.equal(kept.status, "succeeded");
  assert.equal(store.findSucceeded(kept.key)?.id, info.done, "finished work survives the crash");
  assert.equal(store.artifactIntact(info.digest), true);
  await waitGone(orphan);
  assert.equal(fs.existsSync(info.work), false, "the dead run's work dir is removed");
  assert.equal(fs.existsSync(myWork), true, "a live run's work dir is kept");
  assert.equal(store.getRun(mine.id)?.status, "running");
  assert.equal(store.getTrial(mineTrial.id)?.status, "running");
  // Nothing more to do the second time.
  assert.deepEqual(store.recoverCrashed(), []);
});

test("a run whose PID is alive but belongs to another process (PID reuse) is crashed", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const run = store.beginRun({ pipelineFile: "/p.yaml", pipelineName: "p", declaration: "{}", argv: [] });
  const tr = store.beginTrial({ runId: run.id, node: "n", index: 0, attempt: 0, key: "k".repeat(64), seed: 1, params: {}, carried: {}, inputs: {} });
  if (!fs.existsSync(`/proc/${process.pid}/stat`)) return;
  store.database.prepare("UPDATE runs SET pid_start = '1' WHERE id = ?").run(run.id);
  const rec = store.recoverCrashed();
  assert.deepEqual(rec.map((r) => [r.id, r.reason]), [[tr.id, `orchestrator died (pid ${process.pid})`]]);
  assert.equal(store.getRun(run.id)?.status, "crashed");
});

test("kill -9 during a stream of ledger writes leaves a consistent ledger with every acknowledged trial", async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const root = path.join(dir, "store");
  const writer = spawnStoreScript(
    dir,
    `
    const s = store.openStore(root);
    const run = s.beginRun({ pipelineFile: "/p.yaml", pipelineName: "p", declaration: "{}", argv: [] });
    const w = s.newWorkDir(0);
    (await import("node:fs")).writeFileSync(w + "/x", "x");
    const digest = s.commitArtifact(w);
    let i = 0;
    for (;;) {
      const tr = s.beginTrial(${T("run.id", "n", 0).replace("index: 0", "index: i")});
      s.finishTrial(tr.id, { status: i % 3 === 0 ? "failed" : "succeeded", metrics: { auc: i }, value: i, reason: i % 3 === 0 ? "x" : null, artifact: i % 3 === 0 ? null : digest });
      if (i === 50) say({ acked: i, runId: run.id });
      i++;
    }
    `,
    root,
  );
  const msg = (await writer.first) as { acked: number; runId: number };
  writer.child.kill("SIGKILL");
  await writer.exited;

  const db = new Database(path.join(root, "ledger.sqlite"));
  assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
  assert.deepEqual(db.pragma("foreign_key_check"), []);
  const rows = db.prepare("SELECT idx, status, value, artifact FROM trials ORDER BY idx").all() as { idx: number; status: string; value: number | null; artifact: string | null }[];
  db.close();
  assert.ok(rows.length >= msg.acked + 1, `${rows.length} rows, ${msg.acked + 1} acknowledged`);
  rows.forEach((r, i) => {
    assert.equal(r.idx, i, "no gaps");
    if (r.status === "running") assert.equal(i, rows.length - 1, "only the last trial can be mid-flight");
    else assert.deepEqual([r.status, r.value, r.artifact === null], [i % 3 === 0 ? "failed" : "succeeded", i, i % 3 === 0]);
  });
  const store = openStore(root);
  t.after(() => store.close());
  const rec = store.recoverCrashed();
  assert.ok(rec.length <= 1);
  assert.equal(store.getRun(msg.runId)?.status, "crashed");
  assert.equal(store.trialsOfRun(msg.runId).filter((r) => r.status === "running").length, 0);
});
