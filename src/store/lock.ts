/**
 * The store's orchestrator lock: one file, `<root>/dagtune.lock`, holding JSON
 * {pid, startTime, hostname, nonce, createdAt, argv}.
 *
 * Taking it is an atomic create: the JSON is written and fsync'ed to a private temp file
 * which is then hard-linked to the lock path (link(2) fails with EEXIST if the lock
 * exists), so the lock file never exists half-written. If it exists, its holder is checked:
 *  - same host and the PID is dead, or alive with another start time (PID reused) -> stale:
 *    the file is cleared (see clearStale) and the attempt repeats; onStale(pid) is told;
 *  - otherwise -> StoreLockedError(pid).
 * A lock written on another host is always treated as live (its PID cannot be checked here).
 * proper-lockfile was not used: its staleness is mtime-based (a holder must keep touching
 * the file) and it cannot say which PID holds the lock.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { StoreLockedError, type StoreLock } from "./types.js";
import { fsyncDir, isErrno } from "./fsutil.js";
import { processAlive, processStartTime } from "./proc.js";

export interface LockInfo {
  pid: number;
  startTime: string | null;
  hostname: string;
  nonce: string;
  createdAt: string;
  argv: string[];
}

export function readLockInfo(lockPath: string): LockInfo | null | "missing" {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, "utf8");
  } catch (e) {
    if (isErrno(e, "ENOENT")) return "missing";
    throw e;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid !== "number" || typeof v.nonce !== "string") return null;
    return {
      pid: v.pid,
      startTime: typeof v.startTime === "string" ? v.startTime : null,
      hostname: typeof v.hostname === "string" ? v.hostname : "",
      nonce: v.nonce,
      createdAt: typeof v.createdAt === "string" ? v.createdAt : "",
      argv: Array.isArray(v.argv) ? v.argv.map(String) : [],
    };
  } catch {
    return null;
  }
}

/** Whether the holder described by `info` is gone. Unreadable (null) lock files count as stale. */
export function holderIsDead(info: LockInfo | null): boolean {
  if (info === null) return true;
  if (info.hostname && info.hostname !== os.hostname()) return false;
  return !processAlive(info.pid, info.startTime);
}

export function acquireLock(lockPath: string, onStale?: (pid: number) => void): StoreLock {
  const dir = path.dirname(lockPath);
  fs.mkdirSync(dir, { recursive: true });
  const mine: LockInfo = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    hostname: os.hostname(),
    nonce: randomBytes(12).toString("hex"),
    createdAt: new Date().toISOString(),
    argv: process.argv.slice(1),
  };
  const tmp = `${lockPath}.${process.pid}.${mine.nonce}.tmp`;
  const fd = fs.openSync(tmp, "wx");
  try {
    fs.writeSync(fd, JSON.stringify(mine, null, 2) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(tmp, lockPath);
        break;
      } catch (e) {
        if (!isErrno(e, "EEXIST")) throw e;
      }
      const held = readLockInfo(lockPath);
      if (held === "missing") continue; // released between our link and our read: retry
      if (!holderIsDead(held) || attempt >= 20) {
        throw new StoreLockedError(held?.pid ?? 0, lockPath);
      }
      if (clearStale(lockPath, held)) onStale?.(held?.pid ?? 0);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  fsyncDir(dir);

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    const held = readLockInfo(lockPath);
    // Only remove the file if it is still ours (never another process's lock).
    if (held !== "missing" && held !== null && held.nonce === mine.nonce) fs.rmSync(lockPath, { force: true });
  };
  // Release on normal exit too (process.exit, end of the event loop). A crash leaves a stale
  // lock, which the next lock() clears because its PID is dead.
  process.on("exit", release);
  return { release };
}

/**
 * Remove a stale lock without ever removing a live one: the file is first renamed to a
 * private name (atomic; exactly one contender wins), then the renamed content is checked.
 * If it is not the stale lock we judged (another process cleared it and took the lock in
 * between), it is linked back. Returns true if the stale lock was cleared by us.
 */
function clearStale(lockPath: string, judged: LockInfo | null): boolean {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(6).toString("hex")}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (e) {
    if (isErrno(e, "ENOENT")) return false;
    throw e;
  }
  const got = readLockInfo(aside);
  const same = got !== "missing" && (got === null ? judged === null : judged !== null && got.nonce === judged.nonce);
  if (!same) {
    try {
      fs.linkSync(aside, lockPath);
    } catch (e) {
      if (!isErrno(e, "EEXIST")) throw e;
    }
  }
  fs.rmSync(aside, { force: true });
  return same;
}
