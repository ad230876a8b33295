import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openStore, TrialFinishedError, type NewTrial, type SqliteStore } from "../../src/store/index.js";
import { tempDir, writeTree } from "./helpers.js";

function fresh(t: { after: (fn: () => void) => void }): SqliteStore {
  const { dir, cleanup } = tempDir();
  const store = openStore(path.join(dir, "store"));
  t.after(() => {
    store.close();
    cleanup();
  });
  return store;
}

const KEY = "k".repeat(64);

function newTrial(runId: number, over: Partial<NewTrial> = {}): NewTrial {
  return {
    runId,
    node: "teacher",
    index: 0,
    attempt: 0,
    key: KEY,
    seed: 12345,
    params: { embedding_size: 16, learning_rate: 0.001, model: "crossnet", warm: true, note: null },
    carried: {},
    inputs: {},
    ...over,
  };
}

function beginRun(store: SqliteStore, file = "/p/kd.yaml") {
  return store.beginRun({ pipelineFile: file, pipelineName: "kd", declaration: '{"version":1}', argv: ["run", "kd.yaml", "--set", "a=b c"] });
}

function commit(store: SqliteStore, content: string): string {
  const w = store.newWorkDir(0);
  writeTree(w, { "model.bin": content });
  return store.commitArtifact(w);
}

test("openStore creates the layout, WAL ledger and schema version 1; reopening keeps data", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const root = path.join(dir, "my store");
  const s1 = openStore(root);
  const run = beginRun(s1);
  s1.close();
  for (const d of ["objects", "tmp", "logs", "locks"]) assert.equal(fs.statSync(path.join(root, d)).isDirectory(), true, d);
  const db = new Database(path.join(root, "ledger.sqlite"), { readonly: true });
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  assert.deepEqual(db.prepare("SELECT version FROM schema_version").all(), [{ version: 1 }]);
  db.close();
  const s2 = openStore(root);
  t.after(() => s2.close());
  assert.equal(s2.getRun(run.id)?.pipelineName, "kd");
  assert.equal(s2.locksDir(), path.join(root, "locks"));
  assert.deepEqual(s2.logPaths(42), { stdout: path.join(root, "logs", "42.stdout"), stderr: path.join(root, "logs", "42.stderr") });
});

test("a ledger from a newer dagtune is refused", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  openStore(dir).close();
  const db = new Database(path.join(dir, "ledger.sqlite"));
  db.prepare("UPDATE schema_version SET version = 99").run();
  db.close();
  assert.throws(() => openStore(dir), /schema version 99, newer than this dagtune understands \(1\)/);
});

test("runs round-trip; lastRun filters by pipeline file; a finished run cannot be finished again", (t) => {
  const store = fresh(t);
  const r1 = beginRun(store, "/p/a.yaml");
  const r2 = beginRun(store, "/p/b.yaml");
  assert.equal(r1.status, "running");
  assert.equal(r1.pid, process.pid);
  assert.deepEqual(r1.argv, ["run", "kd.yaml", "--set", "a=b c"]);
  assert.equal(r2.id, r1.id + 1);
  assert.equal(store.lastRun()?.id, r2.id);
  assert.equal(store.lastRun("/p/a.yaml")?.id, r1.id);
  assert.equal(store.lastRun("/p/none.yaml"), undefined);
  store.finishRun(r1.id, "succeeded", "/s/locks/run-1.lock.json");
  const done = store.getRun(r1.id)!;
  assert.equal(done.status, "succeeded");
  assert.equal(done.lockFile, "/s/locks/run-1.lock.json");
  assert.notEqual(done.finishedAt, null);
  assert.throws(() => store.finishRun(r1.id, "failed", null), /run \d+ is already succeeded/);
  assert.throws(() => store.finishRun(r2.id, "running", null), /not a final run status/);
  assert.throws(() => store.finishRun(999, "failed", null), /run 999 does not exist/);
  assert.throws(() => store.beginTrial(newTrial(r1.id)), /the run is no longer running/);
  assert.deepEqual(store.trialsOfRun(r1.id), []);
});

test("trials round-trip params, carried, inputs, metrics (incl. NaN) and pid", (t) => {
  const store = fresh(t);
  const run = beginRun(store);
  const carried = { embedding_size: { value: 16, from: "teacher@2", origin: "teacher" } };
  const inputs = { teacher: { trial: "teacher@2", digest: "d".repeat(64) } };
  const tr = store.beginTrial(newTrial(run.id, { node: "distill", index: 3, attempt: 1, carried, inputs }));
  assert.equal(tr.status, "running");
  assert.equal(tr.node, "distill");
  assert.equal(tr.index, 3);
  assert.equal(tr.attempt, 1);
  assert.deepEqual(tr.params, { embedding_size: 16, learning_rate: 0.001, model: "crossnet", warm: true, note: null });
  assert.deepEqual(tr.carried, carried);
  assert.deepEqual(tr.inputs, inputs);
  assert.equal(tr.metrics, null);
  store.setTrialPid(tr.id, 4242);
  assert.equal(store.getTrial(tr.id)?.pid, 4242);

  const failed = store.finishTrial(tr.id, {
    status: "failed",
    metrics: { "valid.auc": Number.NaN, "valid.loss": Infinity, "train.loss": 0.25 },
    value: Number.NaN,
    reason: "valid.auc is NaN",
    artifact: null,
  });
  assert.equal(failed.status, "failed");
  assert.equal(failed.value, null);
  assert.equal(failed.reason, "valid.auc is NaN");
  assert.ok(Number.isNaN(failed.metrics!["valid.auc"]));
  assert.equal(failed.metrics!["valid.loss"], Infinity);
  assert.equal(failed.metrics!["train.loss"], 0.25);
  assert.deepEqual(store.getTrial(tr.id), failed);
  assert.equal(store.getTrial(9999), undefined);
});

test("a finished trial row is immutable: finishTrial/setTrialPid throw, raw UPDATE and DELETE are aborted", (t) => {
  const store = fresh(t);
  const run = beginRun(store);
  const digest = commit(store, "w");
  const tr = store.beginTrial(newTrial(run.id));
  const ok = store.finishTrial(tr.id, { status: "succeeded", metrics: { "valid.auc": 0.81 }, value: 0.81, reason: null, artifact: digest });
  assert.equal(ok.value, 0.81);
  assert.equal(ok.artifact, digest);
  assert.throws(
    () => store.finishTrial(tr.id, { status: "failed", metrics: null, value: null, reason: "x", artifact: null }),
    (e: unknown) => e instanceof TrialFinishedError && e.trialId === tr.id && e.status === "succeeded",
  );
  assert.throws(() => store.setTrialPid(tr.id, 1), TrialFinishedError);
  const db = store.database;
  assert.throws(() => db.prepare("UPDATE trials SET value = 0.99 WHERE id = ?").run(tr.id), /finished trial rows are immutable/);
  assert.throws(() => db.prepare("DELETE FROM trials WHERE id = ?").run(tr.id), /finished trial rows are immutable/);
  assert.equal(store.getTrial(tr.id)?.value, 0.81);
  // A running row can still be updated.
  const r2 = store.beginTrial(newTrial(run.id, { index: 1 }));
  assert.equal(db.prepare("UPDATE trials SET pid = 7 WHERE id = ?").run(r2.id).changes, 1);
});

test("a succeeded trial needs an artifact digest; duplicate (run,node,index,attempt) is refused", (t) => {
  const store = fresh(t);
  const run = beginRun(store);
  const tr = store.beginTrial(newTrial(run.id));
  assert.throws(() => store.finishTrial(tr.id, { status: "succeeded", metrics: {}, value: 1, reason: null, artifact: null }), /committed artifact digest/);
  assert.equal(store.getTrial(tr.id)?.status, "running");
  assert.throws(() => store.beginTrial(newTrial(run.id)), /UNIQUE constraint failed/);
});

test("findSucceeded returns the newest intact succeeded row and ignores failed, running, cached and damaged ones", (t) => {
  const store = fresh(t);
  const run = beginRun(store);
  const finish = (index: number, status: "succeeded" | "failed", artifact: string | null, value: number | null) => {
    const tr = store.beginTrial(newTrial(run.id, { index }));
    return store.finishTrial(tr.id, { status, metrics: value === null ? null : { "valid.auc": value }, value, reason: status === "failed" ? "exit 1" : null, artifact });
  };
  assert.equal(store.findSucceeded(KEY), undefined);
  const dOld = commit(store, "old");
  const older = finish(0, "succeeded", dOld, 0.7);
  finish(1, "failed", null, null);
  store.beginTrial(newTrial(run.id, { index: 2 })); // left running
  assert.equal(store.findSucceeded(KEY)?.id, older.id);

  const dNew = commit(store, "new");
  const newer = finish(3, "succeeded", dNew, 0.75);
  const hit = store.recordCacheHit(newTrial(run.id, { index: 4 }), newer);
  assert.equal(hit.status, "cached");
  assert.equal(store.findSucceeded(KEY)?.id, newer.id, "newest succeeded, never the cache row");

  // Modify the newest artifact: fall back to the older intact one.
  const p = path.join(store.artifactPath(dNew), "model.bin");
  fs.chmodSync(p, 0o644);
  fs.writeFileSync(p, "NEW");
  assert.equal(store.findSucceeded(KEY)?.id, older.id);
  // Delete the older one too: no cache hit at all.
  fs.rmSync(store.artifactPath(dOld), { recursive: true });
  assert.equal(store.findSucceeded(KEY), undefined);
  assert.equal(store.findSucceeded("z".repeat(64)), undefined);
});

test("recordCacheHit copies the result and points at the original row, even through a cache row", (t) => {
  const store = fresh(t);
  const r1 = beginRun(store);
  const d = commit(store, "m");
  const orig = store.finishTrial(store.beginTrial(newTrial(r1.id)).id, {
    status: "succeeded", metrics: { "valid.auc": 0.9, "valid.loss": 0.3 }, value: 0.9, reason: null, artifact: d,
  });
  store.finishRun(r1.id, "succeeded", null);
  const r2 = beginRun(store);
  const hit1 = store.recordCacheHit(newTrial(r2.id, { index: 5 }), orig);
  assert.equal(hit1.runId, r2.id);
  assert.equal(hit1.index, 5);
  assert.equal(hit1.status, "cached");
  assert.equal(hit1.cachedFrom, orig.id);
  assert.equal(hit1.artifact, d);
  assert.equal(hit1.value, 0.9);
  assert.deepEqual(hit1.metrics, { "valid.auc": 0.9, "valid.loss": 0.3 });
  assert.equal(hit1.finishedAt, hit1.startedAt);
  const hit2 = store.recordCacheHit(newTrial(r2.id, { index: 6 }), hit1);
  assert.equal(hit2.cachedFrom, orig.id);
  const failed = store.finishTrial(store.beginTrial(newTrial(r2.id, { index: 7 })).id, { status: "failed", metrics: null, value: null, reason: "x", artifact: null });
  assert.throws(() => store.recordCacheHit(newTrial(r2.id, { index: 8 }), failed), /only a succeeded trial can be reused/);
  assert.deepEqual(store.trialsOfRun(r2.id).map((x) => [x.index, x.status]), [[5, "cached"], [6, "cached"], [7, "failed"]]);
  assert.deepEqual(store.trialsOfRun(r1.id).map((x) => x.id), [orig.id]);
});

test("selections round-trip in order and a node's selection can be replaced", (t) => {
  const store = fresh(t);
  const run = beginRun(store);
  store.saveSelection(run.id, { node: "teacher", trialIds: [3, 1] });
  store.saveSelection(run.id, { node: "distill", trialIds: [7] });
  store.saveSelection(run.id, { node: "teacher", trialIds: [2] });
  assert.deepEqual(store.selectionsOfRun(run.id), [
    { node: "teacher", trialIds: [2] },
    { node: "distill", trialIds: [7] },
  ]);
  assert.deepEqual(store.selectionsOfRun(run.id + 1), []);
  assert.throws(() => store.saveSelection(999, { node: "x", trialIds: [] }), /FOREIGN KEY constraint failed/);
});
