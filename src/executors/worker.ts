#!/usr/bin/env node
/**
 * Runs one built-in trial inside its own process: `node worker.js JOB.json`.
 * Reads the TrialContext (without `report`) from the job file, runs the task's runner,
 * writes metrics.json into the output folder, reports progress as JSON lines on fd 3.
 * Exit 0 on success; on failure the reason goes to stderr (last line) and exit 1.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { TrialContext, TrialProgress, TaskRunner } from "../tasks/types.js";

type Job = Omit<TrialContext, "report"> & { task: string };

function progressWriter(): (p: TrialProgress) => void {
  let ok = true;
  return (p) => {
    if (!ok) return;
    try {
      fs.writeSync(3, JSON.stringify(p) + "\n");
    } catch {
      ok = false; // no progress channel (run by hand): fine
    }
  };
}

async function main(): Promise<number> {
  if (process.argv[2] === "--probe-backend") {
    // Which backend a trial would get for this request: print its name (run once per run).
    const backendModule = "../ml/backend.js";
    const { initBackend } = (await import(backendModule)) as { initBackend(r: string): Promise<string> };
    process.stdout.write((await initBackend(process.argv[3] ?? "auto")) + "\n");
    return 0;
  }
  const jobFile = process.argv[2];
  if (!jobFile) {
    process.stderr.write("usage: worker JOB.json\n");
    return 2;
  }
  const job = JSON.parse(fs.readFileSync(jobFile, "utf8")) as Job;
  const runnersModule = "../tasks/ctr/index.js";
  const { ctrRunners } = (await import(runnersModule)) as { ctrRunners: Record<string, TaskRunner> };
  const runner = ctrRunners[job.task];
  if (!runner) {
    process.stderr.write(`no built-in runner for task ${job.task}\n`);
    return 1;
  }
  const metrics = await runner({ ...job, report: progressWriter() });
  fs.writeFileSync(path.join(job.out, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const err = e as Error;
    if (process.env.DAGTUNE_VERBOSE) process.stderr.write(`${err?.stack ?? err}\n`);
    process.stderr.write(`${err?.name && err.name !== "Error" ? err.name + ": " : ""}${err?.message ?? String(e)}\n`);
    process.exit(1);
  },
);
