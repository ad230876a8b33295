import type { Params } from "../spec/types.js";
import type { CarriedParam } from "../engine/events.js";

export type TrialStatus = "running" | "succeeded" | "failed" | "interrupted" | "cached";
export type RunStatus = "running" | "succeeded" | "failed" | "interrupted" | "crashed";

export interface RunRow {
  id: number;
  pipelineFile: string;
  pipelineName: string;
  /** Canonical JSON of the resolved pipeline declaration. */
  declaration: string;
  argv: string[];
  pid: number;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  lockFile: string | null;
}

export interface InputRef {
  /** upstream trial `node@index` */
  trial: string;
  digest: string;
}

/** A trial attempt as the engine asks for it. */
export interface NewTrial {
  runId: number;
  node: string;
  index: number;
  attempt: number;
  key: string;
  seed: number;
  /** All resolved params (incl. carried). */
  params: Params;
  /** Which of `params` are carried, with origin. */
  carried: Record<string, CarriedParam>;
  inputs: Record<string, InputRef>;
}

export interface TrialRow extends NewTrial {
  id: number;
  status: TrialStatus;
  metrics: Record<string, number> | null;
  /** The node metric's value (null if failed). */
  value: number | null;
  reason: string | null;
  /** Artifact digest (content address) once succeeded. */
  artifact: string | null;
  /** For a cache hit: the id of the trial row whose result is reused. */
  cachedFrom: number | null;
  /** Process group of the running trial (to kill orphans after a crash). */
  pid: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface TrialResult {
  status: "succeeded" | "failed" | "interrupted";
  metrics: Record<string, number> | null;
  value: number | null;
  reason: string | null;
  /** Required when succeeded: the committed artifact digest. */
  artifact: string | null;
}

export interface Selection {
  node: string;
  /** Trial ids selected, in selection order. */
  trialIds: number[];
}

/** A held orchestrator lock on the store. */
export interface StoreLock {
  release(): void;
}

/**
 * The Store seam: ledger (runs, trials, metrics, selections) + content-addressed artifacts.
 * A finished trial row is immutable: finishTrial on a non-running row throws.
 */
export interface Store {
  readonly root: string;

  /** Take the store's orchestrator lock. Throws StoreLockedError(pid) if a live process holds it;
   *  a stale lock of a dead PID is cleared and reported via onStale. */
  lock(onStale?: (pid: number) => void): StoreLock;

  /** Mark runs/trials left "running" by dead orchestrators as crashed/interrupted; return those trials. */
  recoverCrashed(): TrialRow[];

  beginRun(r: { pipelineFile: string; pipelineName: string; declaration: string; argv: string[] }): RunRow;
  finishRun(runId: number, status: RunStatus, lockFile: string | null): void;
  lastRun(pipelineFile?: string): RunRow | undefined;
  getRun(runId: number): RunRow | undefined;

  /** A succeeded (non-cache) trial with this key whose artifact is intact, newest first. */
  findSucceeded(key: string): TrialRow | undefined;

  beginTrial(t: NewTrial): TrialRow;
  setTrialPid(trialId: number, pid: number): void;
  finishTrial(trialId: number, r: TrialResult): TrialRow;
  /** Record, in this run, a cache hit reusing `from`'s result; `value` is the node's metric
   *  read from `from.metrics` (the node's metric may differ from when `from` ran). */
  recordCacheHit(t: NewTrial, from: TrialRow, value?: number | null): TrialRow;

  trialsOfRun(runId: number): TrialRow[];
  getTrial(trialId: number): TrialRow | undefined;

  saveSelection(runId: number, sel: Selection): void;
  selectionsOfRun(runId: number): Selection[];

  /** A fresh, unique, empty temporary folder for one trial attempt. */
  newWorkDir(trialId: number): string;
  /** Hash the folder's contents, move it into the content-addressed store atomically; return digest. */
  commitArtifact(workDir: string): string;
  artifactPath(digest: string): string;
  /** Digest matches contents on disk. */
  artifactIntact(digest: string): boolean;
  /** Where a trial's stdout/stderr are kept. */
  logPaths(trialId: number): { stdout: string; stderr: string };
  /** Folder for lock files (one per run). */
  locksDir(): string;

  close(): void;
}

export class StoreLockedError extends Error {
  constructor(readonly pid: number, readonly lockPath: string) {
    super(`store is locked by another dagtune process (pid ${pid}): ${lockPath}`);
  }
}
