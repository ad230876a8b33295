/**
 * Training loop: Adam (src/ml/adam.ts), mini-batches, epochs, early stopping on the node's metric with patience
 * (restoring the best epoch's weights), optional L2, per-epoch progress reports.
 * Seeded shuffling (our own PRNG): same seed + backend => identical metrics.
 */
import { tf } from "./backend.js";
import type { Scalar, Tensor, Tensor1D, Variable } from "@tensorflow/tfjs-core";
import type { EncodedDataset, EncodedSplit } from "./data/types.js";
import type { TrialProgress } from "../tasks/types.js";
import { splitMetrics } from "./metrics.js";
import { Rng } from "./rng.js";
import { JsAdam } from "./adam.js";

/** One mini-batch as tensors. */
export interface Batch {
  n: number;
  /** [n * totalSlots] global ids (data, read by the embedding bag in JS). */
  ids: Int32Array;
  /** [n * totalSlots] slot weights. */
  weights: Float32Array;
  /** [n] float32 0/1 */
  labels: Tensor1D;
}

/** What the loop trains: variables, a loss, and a predictor. */
export interface Trainable {
  /** Trained variables by stable name (snapshotted for best-epoch restore). */
  vars: Map<string, Variable>;
  /** Names (in `vars`) that get the L2 penalty. */
  l2: string[];
  /** Tensors computed outside the gradient (frozen parts: e.g. a teacher's logits). Disposed by the loop. */
  prepare?(b: Batch): Tensor[];
  /** Scalar training loss (without L2), computed inside the gradient. */
  loss(b: Batch, prepared: Tensor[]): Scalar;
  /** Logits [n] for evaluation. */
  predict(b: Batch): Tensor1D;
}

export interface TrainOptions {
  learningRate: number;
  epochs: number;
  batchSize: number;
  l2: number;
  /** Epochs without improvement before stopping; 0 = never stop early (the best epoch is still restored). */
  patience: number;
  /** Node metric, e.g. "valid.auc" (any of valid.auc, valid.logloss, test.auc, test.logloss). */
  metric: string;
  goal: "maximize" | "minimize";
  seed: number;
  report?: (p: TrialProgress) => void;
}

export interface TrainResult {
  /** valid.auc, valid.logloss, test.auc, test.logloss of the best epoch's weights, and best_epoch. */
  metrics: Record<string, number>;
  bestEpoch: number;
  epochsRun: number;
}

export class TrainingDivergedError extends Error {
  constructor(
    readonly epoch: number,
    readonly step: number,
  ) {
    super(`training diverged: loss is not finite at epoch ${epoch}, step ${step} (try a smaller learning_rate)`);
    this.name = "TrainingDivergedError";
  }
}

const KNOWN_METRICS = ["valid.auc", "valid.logloss", "test.auc", "test.logloss"];

/** Rows `idx` of a split as tensors. */
export function makeBatch(split: EncodedSplit, slots: number, idx: ArrayLike<number>): Batch {
  const n = idx.length;
  const ids = new Int32Array(n * slots);
  const w = new Float32Array(n * slots);
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const src = idx[r]!;
    ids.set(split.ids.subarray(src * slots, (src + 1) * slots), r * slots);
    w.set(split.weights.subarray(src * slots, (src + 1) * slots), r * slots);
    y[r] = split.labels[src]!;
  }
  return { n, ids, weights: w, labels: tf.tensor1d(y) };
}

/** Contiguous rows [start, end) (ids/weights are views, not copies). */
export function sliceBatch(split: EncodedSplit, slots: number, start: number, end: number): Batch {
  const n = end - start;
  return {
    n,
    ids: split.ids.subarray(start * slots, end * slots),
    weights: split.weights.subarray(start * slots, end * slots),
    labels: tf.tensor1d(split.labels.subarray(start, end)),
  };
}

export function disposeBatch(b: Batch): void {
  b.labels.dispose();
}

/** Logits of a whole split, evaluated in chunks. */
export function predictSplit(t: Pick<Trainable, "predict">, split: EncodedSplit, slots: number, chunk = 8192): Float32Array {
  const out = new Float32Array(split.n);
  for (let s = 0; s < split.n; s += chunk) {
    const e = Math.min(split.n, s + chunk);
    const b = sliceBatch(split, slots, s, e);
    const logits = tf.tidy(() => t.predict(b));
    out.set(logits.dataSync() as Float32Array, s);
    logits.dispose();
    disposeBatch(b);
  }
  return out;
}

export function evaluate(t: Pick<Trainable, "predict">, data: EncodedDataset, which: ("valid" | "test")[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const w of which) Object.assign(m, splitMetrics(w, predictSplit(t, data[w], data.layout.totalSlots), data[w].labels));
  return m;
}

function snapshot(vars: Map<string, Variable>): Map<string, Float32Array> {
  const s = new Map<string, Float32Array>();
  for (const [k, v] of vars) s.set(k, (v.dataSync() as Float32Array).slice());
  return s;
}

function restore(vars: Map<string, Variable>, snap: Map<string, Float32Array>): void {
  for (const [k, v] of vars) {
    const vals = snap.get(k)!;
    tf.tidy(() => v.assign(tf.tensor(vals, v.shape, "float32")));
  }
}

export interface Stepper {
  /** One training step (forward, backward, Adam update) on a batch; returns the batch loss (incl. L2). */
  step(b: Batch): number;
  dispose(): void;
}

/** Adam over t.vars with optional L2; the unit bench/train times. */
export function makeStepper(t: Trainable, opts: Pick<TrainOptions, "learningRate" | "l2">): Stepper {
  const optimizer = new JsAdam({ learningRate: opts.learningRate });
  const varList = [...t.vars.values()];
  const l2Vars = t.l2.map((n) => t.vars.get(n)).filter((v): v is Variable => v !== undefined);
  return {
    step(b: Batch): number {
      const prepared = t.prepare ? tf.tidy(() => t.prepare!(b)) : [];
      const lossVal = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          let loss = t.loss(b, prepared);
          if (opts.l2 > 0 && l2Vars.length > 0) {
            const reg = tf.addN(l2Vars.map((v) => tf.sum(tf.square(v))));
            loss = tf.add(loss, tf.mul(reg, opts.l2));
          }
          return loss as Scalar;
        }, varList);
        optimizer.apply(varList.filter((v) => grads[v.name] !== undefined).map((v) => [v, grads[v.name]!]));
        return value.dataSync()[0]!;
      });
      tf.dispose(prepared);
      return lossVal;
    },
    dispose: () => undefined,
  };
}

/** Train `t` on data.train; early stopping on opts.metric over the valid (or test) split. */
export function fit(t: Trainable, data: EncodedDataset, opts: TrainOptions): TrainResult {
  if (!KNOWN_METRICS.includes(opts.metric))
    throw new Error(`unknown metric "${opts.metric}" for ctr tasks (expected one of ${KNOWN_METRICS.join(", ")})`);
  if (data.train.n === 0) throw new Error("the training split is empty");
  const slots = data.layout.totalSlots;
  const split = opts.metric.startsWith("test.") ? (["valid", "test"] as const) : (["valid"] as const);
  const better = (a: number, b: number): boolean => (opts.goal === "maximize" ? a > b : a < b);
  const stepper = makeStepper(t, opts);
  const rng = new Rng(opts.seed);
  const order = new Int32Array(data.train.n);
  for (let i = 0; i < order.length; i++) order[i] = i;

  let best = NaN;
  let bestEpoch = 0;
  let bestSnap: Map<string, Float32Array> | null = null;
  let since = 0;
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= opts.epochs; epoch++) {
      rng.shuffle(order);
      let lossSum = 0;
      let step = 0;
      for (let s = 0; s < order.length; s += opts.batchSize) {
        const idx = order.subarray(s, Math.min(order.length, s + opts.batchSize));
        const b = makeBatch(data.train, slots, idx);
        const lossVal = stepper.step(b);
        disposeBatch(b);
        step++;
        if (!Number.isFinite(lossVal)) throw new TrainingDivergedError(epoch, step);
        lossSum += lossVal * idx.length;
      }
      const m = evaluate(t, data, [...split]);
      const value = m[opts.metric]!;
      const improved = bestSnap === null || better(value, best);
      if (improved) {
        best = value;
        bestEpoch = epoch;
        bestSnap = snapshot(t.vars);
        since = 0;
      } else since++;
      opts.report?.({ epoch, epochs: opts.epochs, metrics: { ...m, "train.loss": lossSum / data.train.n } });
      if (opts.patience > 0 && since >= opts.patience) break;
    }
  } finally {
    stepper.dispose();
  }
  if (bestSnap !== null) restore(t.vars, bestSnap);
  const metrics = evaluate(t, data, ["valid", "test"]);
  metrics["best_epoch"] = bestEpoch;
  return { metrics, bestEpoch, epochsRun: Math.min(epoch, opts.epochs) };
}
