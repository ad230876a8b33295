import type { Params, Scalar } from "../spec/types.js";
import type { TrialProgress } from "../tasks/types.js";

/** Where a carried param came from. */
export interface CarriedParam {
  value: Scalar;
  /** The upstream trial that carried it, `node@index`, and the node where it was originally set. */
  from: string;
  origin: string;
}

/** A node as announced by run-start. The optional fields let reporters show the metric name and "waiting for <inputs>". */
export interface RunStartNode {
  name: string;
  trials: number;
  /** The node's metric, e.g. `valid.auc`. */
  metric?: string;
  goal?: "maximize" | "minimize";
  /** Upstream node names this node takes inputs from. */
  inputs?: string[];
  /** Task type, e.g. `ctr.train` or `shell`. */
  task?: string;
}

export type TrialOutcome = "succeeded" | "failed" | "cached" | "interrupted";

/** Events the engine emits; reporters (src/report) render them. All plain data. */
export type EngineEvent =
  | { type: "run-start"; runId: number; pipeline: string; store: string; nodes: RunStartNode[]; concurrency: number; backend?: string }
  | { type: "node-start"; node: string; trials: number }
  /** params: the trial's sampled and carried params (fixed ones are in the pipeline and the lock file). */
  | { type: "trial-start"; node: string; index: number; attempt: number; params: Params }
  | { type: "trial-progress"; node: string; index: number; progress: TrialProgress }
  | {
      type: "trial-end";
      node: string;
      index: number;
      attempt: number;
      outcome: TrialOutcome;
      value: number | null;
      metrics: Record<string, number> | null;
      reason?: string;
      willRetry?: boolean;
      durationMs: number;
    }
  | { type: "node-end"; node: string; status: "succeeded" | "failed" | "blocked" | "skipped"; selected: number[]; best: number | null; reason?: string }
  | { type: "warning"; message: string }
  | {
      type: "run-end";
      runId: number;
      status: "succeeded" | "failed" | "interrupted";
      lockFile: string;
      durationMs: number;
    };
