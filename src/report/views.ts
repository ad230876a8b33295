/**
 * Plain-data inputs of `dagtune status` and `dagtune show NODE`. The CLI builds them from the
 * ledger; it prints them with renderStatus / renderShow, or as JSON with `--json`
 * (JSON.stringify of these objects is the documented machine format).
 */
import type { CarriedParam } from "../engine/events.js";
import type { Params } from "../spec/types.js";

export interface StatusNode {
  name: string;
  /** succeeded | failed | blocked | interrupted | running | waiting | skipped */
  status: string;
  metric: string;
  goal: "maximize" | "minimize";
  /** Planned trials, when known. */
  total: number | null;
  /** Trials finished for good: succeeded + cached + failed + interrupted. */
  done: number;
  succeeded: number;
  failed: number;
  cached: number;
  running: number;
  /** Best trial so far (or the selection once the node finished). */
  best: { index: number; value: number } | null;
  reason?: string;
}

export interface StatusView {
  runId: number;
  pipeline: string;
  /** running | succeeded | failed | interrupted | crashed */
  status: string;
  startedAt: string;
  finishedAt: string | null;
  store: string;
  lockFile: string | null;
  nodes: StatusNode[];
}

export interface ShowTrial {
  index: number;
  /** The node metric's value. */
  value: number | null;
  status: string;
  seed?: number;
  params: Params;
  carried: Record<string, CarriedParam>;
  metrics: Record<string, number>;
  /** Absolute artifact folder, null if it has none. */
  artifact: string | null;
  /** For a cache hit: the run and trial whose result it reuses, e.g. "run 3, teacher@2". */
  cachedFrom?: string;
  /** The stdout / stderr files of the run that produced the result. */
  logs?: { stdout: string; stderr: string };
}

export interface ShowView {
  runId: number;
  node: string;
  task?: string;
  status: string;
  metric: string;
  goal: "maximize" | "minimize";
  /** Selected trials, in selection order (empty if the node has no selection). */
  selected: ShowTrial[];
  reason?: string;
}
