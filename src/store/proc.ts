/** Process liveness checks that survive PID reuse (Linux: /proc/<pid>/stat start time). */
import fs from "node:fs";

/**
 * The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat),
 * or null where /proc is not available. Two processes that share a PID at different
 * times have different start times.
 */
export function processStartTime(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid ..." — comm may contain spaces and parentheses; split after the last ')'.
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  const fields = stat.slice(close + 2).split(" ");
  // fields[0] is field 3 (state); starttime is field 22 -> index 19.
  const start = fields[19];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

/** The one-letter state of /proc/<pid>/stat ("R", "S", "Z" zombie, ...), or null. */
export function processState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * true if a process with this PID exists and is not a zombie (signal 0: EPERM means it
 * exists but is not ours). A killed orchestrator whose parent has not reaped it yet is a
 * zombie: it holds nothing and counts as dead.
 */
export function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const state = processState(pid);
  return state !== "Z" && state !== "X";
}

/**
 * true if the process that had `pid` (and, when recorded, start time `startTime`) is still
 * running. A live PID with a different start time is a reused PID: the recorded process is dead.
 */
export function processAlive(pid: number, startTime: string | null | undefined): boolean {
  if (!pidExists(pid)) return false;
  if (startTime) {
    const now = processStartTime(pid);
    if (now !== null && now !== startTime) return false;
  }
  return true;
}

/** true if a process group with this id has any member left. */
export function processGroupExists(pgid: number): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
