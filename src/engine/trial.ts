import * as fs from "node:fs";
import * as path from "node:path";
import type { DatasetSpec, NodeSpec, Params } from "../spec/types.js";
import type { TaskDecl, TrialProgress } from "../tasks/types.js";
import type { ExecResult, Executor, TrialJob } from "../executors/types.js";
import type { Store, TrialRow, NewTrial } from "../store/types.js";
import { shellCommand, inputEnvName, PlaceholderError } from "../tasks/shell.js";
import { paramsJson } from "../tasks/numbers.js";
import { metricProblem, parseMetrics } from "./metrics.js";
import { ArtifactError } from "../store/artifacts.js";

/** Everything needed to run one attempt of one trial. */
export interface AttemptSpec {
  node: NodeSpec;
  task: TaskDecl;
  trial: NewTrial;
  /** input name -> absolute artifact folder */
  inputDirs: Record<string, string>;
  dataset?: DatasetSpec;
  backend: string;
  /** Folder trials run in (the pipeline's folder). */
  cwd: string;
  workerPath: string;
  signal: AbortSignal;
  onProgress(p: TrialProgress): void;
  onStart(): void;
}

export interface AttemptOutcome {
  row: TrialRow;
  interrupted: boolean;
}

function tail(file: string, maxLines = 12, maxBytes = 4096): string {
  try {
    const fd = fs.openSync(file, "r");
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, maxBytes);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    fs.closeSync(fd);
    return buf.toString("utf8").trimEnd().split("\n").slice(-maxLines).join("\n");
  } catch {
    return "";
  }
}

function trialEnv(spec: AttemptSpec, out: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("DAGTUNE_")) env[k] = v;
  env.DAGTUNE_PARAMS = paramsJson(spec.trial.params);
  env.DAGTUNE_OUT = out;
  env.DAGTUNE_SEED = String(spec.trial.seed);
  env.DAGTUNE_TRIAL = `${spec.trial.node}@${spec.trial.index}`;
  env.DAGTUNE_PROGRESS_FD = "3";
  for (const [name, dir] of Object.entries(spec.inputDirs)) env[inputEnvName(name)] = dir;
  if (process.env.DAGTUNE_VERBOSE) env.DAGTUNE_VERBOSE = process.env.DAGTUNE_VERBOSE;
  return env;
}

function commandFor(spec: AttemptSpec, out: string, jobFile: string): { argv: string[]; env: Record<string, string> } {
  if (spec.task.name === "shell") {
    return shellCommand(spec.node.command!, {
      params: spec.trial.params,
      inputs: spec.inputDirs,
      out,
      seed: spec.trial.seed,
      trial: `${spec.trial.node}@${spec.trial.index}`,
    });
  }
  const job = {
    task: spec.task.name,
    node: spec.trial.node,
    index: spec.trial.index,
    trial: `${spec.trial.node}@${spec.trial.index}`,
    params: spec.trial.params,
    inputs: spec.inputDirs,
    out,
    seed: spec.trial.seed,
    dataset: spec.dataset,
    metric: spec.node.metric,
    goal: spec.node.goal,
    backend: spec.backend,
  };
  fs.writeFileSync(jobFile, JSON.stringify(job));
  return { argv: [process.execPath, spec.workerPath, jobFile], env: {} };
}

function failureReason(res: ExecResult, stderrPath: string, timeout?: number): string | null {
  if (res.spawnError) return `could not start: ${res.spawnError}`;
  if (res.timedOut) return `timed out after ${timeout}s (process tree killed)`;
  if (res.exitCode !== 0) {
    const how = res.exitCode === null ? `killed by ${res.signal}` : `exit code ${res.exitCode}`;
    // First line: how it ended and the last stderr line (a Python traceback's last line is the error).
    const t = tail(stderrPath);
    const last = t.split("\n").filter((l) => l.trim()).at(-1)?.trim();
    return t ? `${how}: ${last}\nstderr (last lines):\n${t}` : `${how} (no output on stderr)`;
  }
  return null;
}

/**
 * One attempt: record it as running, run the process in a fresh work folder, read its metrics,
 * commit the artifact only on success, and record the immutable result.
 */
export async function runAttempt(spec: AttemptSpec, store: Store, executor: Executor): Promise<AttemptOutcome> {
  const row = store.beginTrial(spec.trial);
  try {
    return await attempt(row, spec, store, executor);
  } catch (e) {
    // An unexpected error (unreadable metrics.json, full disk, a bug) fails this trial, not the run.
    const reason = `internal error: ${(e as Error).message}`;
    try {
      return { row: store.finishTrial(row.id, { status: "failed", metrics: null, value: null, reason, artifact: null }), interrupted: false };
    } catch {
      throw e; // already finished: the error came after; let the node handle it
    }
  }
}

async function attempt(row: TrialRow, spec: AttemptSpec, store: Store, executor: Executor): Promise<AttemptOutcome> {
  const out = store.newWorkDir(row.id);
  const logs = store.logPaths(row.id);
  const jobFile = `${out}.job.json`;
  const finish = (status: "failed" | "interrupted", reason: string, metrics: Record<string, number> | null = null) => ({
    row: store.finishTrial(row.id, { status, metrics, value: null, reason, artifact: null }),
    interrupted: status === "interrupted",
  });

  let cmd: { argv: string[]; env: Record<string, string> };
  try {
    cmd = commandFor(spec, out, jobFile);
  } catch (e) {
    if (e instanceof PlaceholderError) {
      const known = e.known.length ? ` (known: ${e.known.join(", ")}, {out}, {seed}, {trial})` : "";
      return finish("failed", `command uses ${e.placeholder}, which this trial does not have${known}`);
    }
    throw e;
  }
  const job: TrialJob = {
    trial: `${spec.trial.node}@${spec.trial.index}`,
    argv: cmd.argv,
    cwd: spec.cwd,
    env: { ...trialEnv(spec, out), ...cmd.env },
    timeoutMs: spec.node.timeout ? spec.node.timeout * 1000 : undefined,
    stdoutPath: logs.stdout,
    stderrPath: logs.stderr,
    onProgress: spec.onProgress,
    onStart: spec.onStart,
    onSpawn: (pgid) => store.setTrialPid(row.id, pgid),
    signal: spec.signal,
  };
  const res = await executor.run(job);
  fs.rmSync(jobFile, { force: true });
  if (res.aborted) return finish("interrupted", "interrupted (Ctrl-C)");
  const failedOut = (reason: string, metrics: Record<string, number> | null = null) => {
    fs.rmSync(out, { recursive: true, force: true }); // logs are kept; a failed output is never an artifact
    return finish("failed", reason, metrics);
  };
  const failed = failureReason(res, logs.stderr, spec.node.timeout);
  if (failed) return failedOut(failed);

  const metricsFile = path.join(out, "metrics.json");
  if (!fs.existsSync(metricsFile)) return failedOut(`no metrics.json in the output folder (write it to $DAGTUNE_OUT/metrics.json); metric ${spec.node.metric} is missing`);
  let text: string;
  try {
    text = fs.readFileSync(metricsFile, "utf8");
  } catch (e) {
    return failedOut(`cannot read metrics.json: ${(e as NodeJS.ErrnoException).code === "EISDIR" ? "it is a folder" : (e as Error).message}`);
  }
  const read = parseMetrics(text);
  if (!read.ok) return failedOut(read.reason);
  const problem = metricProblem(spec.node.metric, read.metrics, read.ignored);
  if (problem) return failedOut(problem, sanitize(read.metrics));
  let digest: string;
  try {
    digest = store.commitArtifact(out);
  } catch (e) {
    if (e instanceof ArtifactError) return failedOut(`the output folder cannot become an artifact: ${e.message}`, sanitize(read.metrics));
    throw e;
  }
  return {
    row: store.finishTrial(row.id, {
      status: "succeeded",
      metrics: sanitize(read.metrics),
      value: read.metrics[spec.node.metric]!,
      reason: null,
      artifact: digest,
    }),
    interrupted: false,
  };
}

/** Non-finite metrics are stored as null-free: drop them (JSON cannot hold NaN). */
function sanitize(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => Number.isFinite(v)));
}

export type { Params };
