import { spawn } from "node:child_process";
import * as fs from "node:fs";
import PQueue from "p-queue";
import type { ExecResult, Executor, TrialJob } from "./types.js";
import type { TrialProgress } from "../tasks/types.js";

/**
 * Runs each trial as its own child process (own process group, so a timeout or Ctrl-C kills
 * the whole tree), at most `concurrency` attempts at a time (one p-queue shared by every node).
 */
export class LocalExecutor implements Executor {
  private readonly queue: PQueue;
  constructor(readonly concurrency: number) {
    this.queue = new PQueue({ concurrency });
  }

  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  slot<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.add(fn) as Promise<T>;
  }

  run(job: TrialJob): Promise<ExecResult> {
    return runProcess(job);
  }
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

export function runProcess(job: TrialJob): Promise<ExecResult> {
  const started = Date.now();
  if (job.signal.aborted) {
    return Promise.resolve({ exitCode: null, signal: null, timedOut: false, aborted: true, spawnError: null, durationMs: 0 });
  }
  job.onStart?.();
  return new Promise((resolve) => {
    const out = fs.openSync(job.stdoutPath, "a");
    const err = fs.openSync(job.stderrPath, "a");
    let timedOut = false;
    let aborted = false;
    let spawnError: string | null = null;
    const child = spawn(job.argv[0]!, job.argv.slice(1), {
      cwd: job.cwd,
      env: job.env,
      stdio: ["ignore", out, err, "pipe"],
      detached: true,
    });
    fs.closeSync(out);
    fs.closeSync(err);
    if (child.pid) job.onSpawn?.(child.pid);

    const progress = child.stdio[3] as NodeJS.ReadableStream | null;
    if (progress) {
      let buf = "";
      progress.setEncoding("utf8");
      progress.on("data", (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          try {
            const p = JSON.parse(line) as TrialProgress;
            if (typeof p.epoch === "number") job.onProgress?.(p);
          } catch {
            /* not a progress line: ignore */
          }
        }
      });
      progress.on("error", () => {});
    }

    const timer = job.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup(child.pid);
        }, job.timeoutMs)
      : undefined;
    const onAbort = () => {
      aborted = true;
      killGroup(child.pid);
    };
    job.signal.addEventListener("abort", onAbort, { once: true });

    child.on("error", (e) => {
      spawnError = e.message;
    });
    child.on("close", (code, sig) => {
      if (timer) clearTimeout(timer);
      job.signal.removeEventListener("abort", onAbort);
      // Leftover grandchildren of a finished trial must not outlive it.
      if (timedOut || aborted) killGroup(child.pid);
      resolve({
        exitCode: code,
        signal: sig,
        timedOut,
        aborted,
        spawnError,
        durationMs: Date.now() - started,
      });
    });
  });
}
