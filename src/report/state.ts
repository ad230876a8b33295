/**
 * Folds engine events into per-node progress: what the live view draws and what plain lines count.
 * Pure: time comes in as arguments.
 */
import type { EngineEvent } from "../engine/events.js";

export type NodePhase = "waiting" | "running" | "succeeded" | "failed" | "blocked" | "skipped";

export interface RunningTrial {
  index: number;
  attempt: number;
  startedAt: number;
  epoch?: number;
  epochs?: number;
}

export interface NodeProgress {
  name: string;
  total: number;
  metric?: string;
  goal?: "maximize" | "minimize";
  inputs: string[];
  task?: string;
  phase: NodePhase;
  /** Trials finished for good (not counting attempts that will be retried). */
  succeeded: number;
  failed: number;
  cached: number;
  interrupted: number;
  /** Attempts that failed and are being retried. */
  retried: number;
  running: Map<number, RunningTrial>;
  best: { index: number; value: number } | null;
  /** Durations of finished, executed (non-cached) attempts. */
  durations: number[];
  startedAt?: number;
  endedAt?: number;
  reason?: string;
  selected: number[];
}

export interface RunProgress {
  runId?: number;
  pipeline?: string;
  store?: string;
  concurrency: number;
  startedAt?: number;
  nodes: Map<string, NodeProgress>;
  ended?: { status: string; lockFile: string; durationMs: number };
  warnings: number;
}

export function newRunProgress(): RunProgress {
  return { concurrency: 1, nodes: new Map(), warnings: 0 };
}

function blankNode(name: string, total = 0): NodeProgress {
  return {
    name,
    total,
    inputs: [],
    phase: "waiting",
    succeeded: 0,
    failed: 0,
    cached: 0,
    interrupted: 0,
    retried: 0,
    running: new Map(),
    best: null,
    durations: [],
    selected: [],
  };
}

function nodeOf(st: RunProgress, name: string): NodeProgress {
  let n = st.nodes.get(name);
  if (!n) {
    n = blankNode(name);
    st.nodes.set(name, n);
  }
  return n;
}

function better(goal: "maximize" | "minimize" | undefined, a: number, b: number): boolean {
  return goal === "minimize" ? a < b : a > b;
}

/** Trials that have finished for good. */
export function doneCount(n: NodeProgress): number {
  return n.succeeded + n.failed + n.cached + n.interrupted;
}

/** Apply one event; `now` is the reporter's clock (ms). */
export function applyEvent(st: RunProgress, e: EngineEvent, now: number): void {
  switch (e.type) {
    case "run-start": {
      st.runId = e.runId;
      st.pipeline = e.pipeline;
      st.store = e.store;
      st.concurrency = Math.max(1, e.concurrency);
      st.startedAt = now;
      for (const d of e.nodes) {
        const n = nodeOf(st, d.name);
        n.total = d.trials;
        n.metric = d.metric;
        n.goal = d.goal;
        n.inputs = d.inputs ?? [];
        n.task = d.task;
      }
      return;
    }
    case "node-start": {
      const n = nodeOf(st, e.node);
      n.total = e.trials;
      n.phase = "running";
      n.startedAt = now;
      return;
    }
    case "trial-start": {
      const n = nodeOf(st, e.node);
      if (n.phase === "waiting") {
        n.phase = "running";
        n.startedAt ??= now;
      }
      n.running.set(e.index, { index: e.index, attempt: e.attempt, startedAt: now });
      return;
    }
    case "trial-progress": {
      const r = nodeOf(st, e.node).running.get(e.index);
      if (r) {
        r.epoch = e.progress.epoch;
        r.epochs = e.progress.epochs;
      }
      return;
    }
    case "trial-end": {
      const n = nodeOf(st, e.node);
      n.running.delete(e.index);
      if (e.outcome !== "cached") n.durations.push(e.durationMs);
      if (e.outcome === "failed" && e.willRetry) {
        n.retried++;
        return;
      }
      if (e.outcome === "succeeded") n.succeeded++;
      else if (e.outcome === "cached") n.cached++;
      else if (e.outcome === "failed") n.failed++;
      else n.interrupted++;
      if ((e.outcome === "succeeded" || e.outcome === "cached") && e.value !== null && Number.isFinite(e.value)) {
        if (!n.best || better(n.goal, e.value, n.best.value) || (e.value === n.best.value && e.index < n.best.index)) {
          n.best = { index: e.index, value: e.value };
        }
      }
      return;
    }
    case "node-end": {
      const n = nodeOf(st, e.node);
      n.phase = e.status;
      n.endedAt = now;
      n.reason = e.reason;
      n.selected = e.selected;
      if (e.best !== null && e.selected.length > 0) n.best = { index: e.selected[0]!, value: e.best };
      n.running.clear();
      return;
    }
    case "warning":
      st.warnings++;
      return;
    case "run-end":
      st.ended = { status: e.status, lockFile: e.lockFile, durationMs: e.durationMs };
      return;
  }
}

/**
 * Estimated ms left for a node: remaining trials run `par` at a time, each taking the mean
 * duration of the node's finished attempts; the running ones are credited their elapsed time.
 * null when nothing has finished yet (no basis for an estimate).
 */
export function etaMs(n: NodeProgress, concurrency: number, now: number): number | null {
  if (n.phase !== "running") return null;
  if (n.durations.length === 0) return null;
  const mean = n.durations.reduce((a, b) => a + b, 0) / n.durations.length;
  const left = Math.max(0, n.total - doneCount(n));
  if (left === 0) return 0;
  const par = Math.max(1, Math.min(left, n.running.size > 0 ? Math.max(n.running.size, 1) : concurrency, concurrency));
  let credit = 0;
  for (const r of n.running.values()) credit += Math.min(mean, Math.max(0, now - r.startedAt));
  const work = left * mean - credit;
  return Math.max(0, work / par);
}
