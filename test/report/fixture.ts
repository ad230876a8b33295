/** A scripted run: teacher (cached, succeeded, failed+retried, progress) → student blocked; side branch fails. */
import { Writable } from "node:stream";
import type { EngineEvent } from "../../src/engine/events.js";

export const EVENTS: EngineEvent[] = [
  {
    type: "run-start",
    runId: 7,
    pipeline: "pipelines/kd.yaml",
    store: "artifacts",
    concurrency: 2,
    backend: "cpu",
    nodes: [
      { name: "teacher", trials: 3, metric: "valid.auc", goal: "maximize", inputs: [], task: "ctr.train" },
      { name: "side", trials: 1, metric: "valid.loss", goal: "minimize", inputs: [], task: "shell" },
      { name: "student", trials: 2, metric: "valid.auc", goal: "maximize", inputs: ["side", "teacher"], task: "ctr.distill" },
    ],
  },
  { type: "node-start", node: "teacher", trials: 3 },
  { type: "node-start", node: "side", trials: 1 },
  { type: "trial-end", node: "teacher", index: 0, attempt: 0, outcome: "cached", value: 0.81234, metrics: { "valid.auc": 0.81234 }, durationMs: 0 },
  { type: "trial-start", node: "teacher", index: 1, attempt: 0, params: { embedding_size: 16, learning_rate: 0.003 } },
  { type: "trial-start", node: "side", index: 0, attempt: 0, params: { lr: 0.01 } },
  { type: "trial-progress", node: "teacher", index: 1, progress: { epoch: 3, epochs: 10, metrics: { "valid.auc": 0.77 } } },
  {
    type: "trial-end",
    node: "side",
    index: 0,
    attempt: 0,
    outcome: "failed",
    value: null,
    metrics: null,
    reason: "exit code 1; stderr:\nTraceback (most recent call last):\nValueError: bad lr",
    willRetry: true,
    durationMs: 1500,
  },
  { type: "trial-start", node: "side", index: 0, attempt: 1, params: { lr: 0.01 } },
  {
    type: "trial-end",
    node: "side",
    index: 0,
    attempt: 1,
    outcome: "failed",
    value: null,
    metrics: null,
    reason: "exit code 1; stderr:\nValueError: bad lr",
    willRetry: false,
    durationMs: 1400,
  },
  { type: "node-end", node: "side", status: "failed", selected: [], best: null, reason: "0 of 1 trials succeeded" },
  { type: "node-end", node: "student", status: "blocked", selected: [], best: null, reason: "input side failed" },
  { type: "trial-end", node: "teacher", index: 1, attempt: 0, outcome: "succeeded", value: 0.85, metrics: { "valid.auc": 0.85, "test.auc": 0.84 }, durationMs: 12300 },
  { type: "warning", message: "tfjs-node not installed; using the wasm backend" },
  { type: "trial-start", node: "teacher", index: 2, attempt: 0, params: { embedding_size: 32, learning_rate: 0.001 } },
  { type: "trial-end", node: "teacher", index: 2, attempt: 0, outcome: "succeeded", value: 0.8, metrics: { "valid.auc": 0.8 }, durationMs: 65000 },
  { type: "node-end", node: "teacher", status: "succeeded", selected: [1], best: 0.85 },
  { type: "run-end", runId: 7, status: "failed", lockFile: "artifacts/locks/run-7.lock.json", durationMs: 80000 },
];

/** An in-memory writable stream; `columns`/`isTTY` can be set to pose as a terminal. */
export class MemStream extends Writable {
  chunks: string[] = [];
  columns?: number;
  rows?: number;
  isTTY?: boolean;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(chunk.toString());
    cb();
  }
  get text(): string {
    return this.chunks.join("");
  }
}

/** A clock that advances 100ms every time it is read. */
export function steppingClock(start = 1_700_000_000_000, step = 100): () => number {
  let t = start;
  return () => (t += step);
}
