import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore, StoreLockedError } from "../../src/store/index.js";
import { spawn } from "node:child_process";
import { procState, spawnStoreScript, storeModule, tempDir, waitGone } from "./helpers.js";

test("a live holder makes lock() throw with its pid; once it is killed the stale lock is cleared and reported", async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const root = path.join(dir, "store");
  const holder = spawnStoreScript(dir, `const s = store.openStore(root); s.lock(); say({ locked: process.pid }); setInterval(() => {}, 1000);`, root);
  t.after(() => holder.child.kill("SIGKILL"));
  const msg = await holder.first;
  const pid = holder.child.pid!;
  assert.equal(msg.locked, pid);

  const store = openStore(root);
  t.after(() => store.close());
  const lockPath = path.join(store.root, "dagtune.lock");
  assert.equal(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid, pid);
  assert.equal(store.lockHolder()?.pid, pid);
  assert.throws(
    () => store.lock(),
    (e: unknown) => e instanceof StoreLockedError && e.pid === pid && e.lockPath === lockPath && e.message.includes(`pid ${pid}`),
  );

  holder.child.kill("SIGKILL");
  await holder.exited;
  await waitGone(pid);
  assert.equal(store.lockHolder(), null, "a dead holder is no holder");
  const stale: number[] = [];
  const lock = store.lock((p) => stale.push(p));
  assert.deepEqual(stale, [pid]);
  assert.equal(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid, process.pid);
  // Held by us (a live process): a second lock() in the same store is refused too.
  assert.throws(() => store.lock(), (e: unknown) => e instanceof StoreLockedError && e.pid === process.pid);
  lock.release();
  assert.equal(fs.existsSync(lockPath), false);
  lock.release(); // idempotent
  store.lock().release();
  assert.deepEqual(fs.readdirSync(store.root).filter((n) => n.startsWith("dagtune.lock")), [], "no temp or stale files left");
});

test("a lock whose PID is alive but was reused by another process (other start time) is stale", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const lockPath = path.join(store.root, "dagtune.lock");
  fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, startTime: "1", hostname: os.hostname(), nonce: "old", createdAt: "", argv: [] }));
  const stale: number[] = [];
  const hasProc = fs.existsSync(`/proc/${process.pid}/stat`);
  if (!hasProc) {
    assert.throws(() => store.lock(), StoreLockedError);
    return;
  }
  store.lock((p) => stale.push(p)).release();
  assert.deepEqual(stale, [process.pid]);
});

test("an unreadable lock file is stale; a lock from another host is respected", (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openStore(dir);
  t.after(() => store.close());
  const lockPath = path.join(store.root, "dagtune.lock");
  fs.writeFileSync(lockPath, "{ half-writ");
  const stale: number[] = [];
  store.lock((p) => stale.push(p)).release();
  assert.deepEqual(stale, [0]);

  fs.writeFileSync(lockPath, JSON.stringify({ pid: 999999, startTime: null, hostname: "some-other-host", nonce: "n", createdAt: "", argv: [] }));
  assert.throws(() => store.lock(), (e: unknown) => e instanceof StoreLockedError && e.pid === 999999);
});

test("the lock is released when the holder exits normally", async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const root = path.join(dir, "store");
  const p = spawnStoreScript(dir, `const s = store.openStore(root); s.lock(); say({ ok: 1 }); s.close();`, root);
  assert.deepEqual(await p.first, { ok: 1 });
  assert.equal(await p.exited, 0);
  assert.equal(fs.existsSync(path.join(root, "dagtune.lock")), false);
});

test("a killed holder that is still a zombie (not reaped by its parent) holds no lock", async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const root = path.join(dir, "store");
  const script = path.join(dir, "holder.mjs");
  fs.writeFileSync(
    script,
    `import * as store from ${JSON.stringify(storeModule)};\n` +
      `store.openStore(${JSON.stringify(root)}).lock(); console.log(process.pid); setInterval(() => {}, 1000);\n`,
  );
  // `exec sleep` replaces the shell; sleep never reaps its child, so the killed holder stays a zombie.
  const parent = spawn("sh", ["-c", `"${process.execPath}" "${script}" & exec sleep 600`], { stdio: ["ignore", "pipe", "inherit"] });
  t.after(() => parent.kill("SIGKILL"));
  const holderPid = await new Promise<number>((resolve) => {
    let out = "";
    parent.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
  });
  const store = openStore(root);
  t.after(() => store.close());
  assert.throws(() => store.lock(), (e: unknown) => e instanceof StoreLockedError && e.pid === holderPid);
  process.kill(holderPid, "SIGKILL");
  for (let i = 0; i < 500 && procState(holderPid) !== "Z"; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(procState(holderPid), "Z");
  const stale: number[] = [];
  store.lock((p) => stale.push(p)).release();
  assert.deepEqual(stale, [holderPid]);
});
