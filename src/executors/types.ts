import type { TrialProgress } from "../tasks/types.js";

/** One trial attempt as a process to run. */
export interface TrialJob {
  /** `node@index` (for messages). */
  trial: string;
  /** argv (argv[0] is the program). A shell string is given as ["sh", "-c", string]. */
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** Milliseconds; undefined = no limit. */
  timeoutMs?: number;
  stdoutPath: string;
  stderrPath: string;
  /** Progress lines the trial writes as JSON to fd 3 (DAGTUNE_PROGRESS_FD). */
  onProgress?(p: TrialProgress): void;
  /** Called when the job leaves the queue and its process is about to start. */
  onStart?(): void;
  /** Called with the process group id once the trial process started. */
  onSpawn?(pgid: number): void;
  /** Abort kills the trial's whole process tree. */
  signal: AbortSignal;
}

export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  /** The process could not be started (ENOENT ...). */
  spawnError: string | null;
  durationMs: number;
}

/** Where trials run. The engine hands jobs over and awaits their results. */
export interface Executor {
  readonly concurrency: number;
  /**
   * Run `fn` when one of the `concurrency` slots is free (shared by every node). A trial's
   * whole attempt runs inside a slot, so a queued trial has no ledger row until it starts.
   */
  slot<T>(fn: () => Promise<T>): Promise<T>;
  /** Start the trial's process now (call it inside a slot). */
  run(job: TrialJob): Promise<ExecResult>;
  /** Attempts queued or running. */
  readonly pending: number;
}
