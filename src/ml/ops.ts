/**
 * Differentiable building blocks that train on every backend (cpu, wasm, tensorflow).
 *
 * On the wasm backend `tf.gather`'s gradient (UnsortedSegmentSum) has no kernel, `tf.einsum` has no
 * gradient, and matMul with transpose flags falls off XNNPACK's fast path (10x slower). So:
 *  - `lookup`: a gather whose gradient is a scatterND (duplicates are summed) into a dense table.
 *  - `mm`: matMul whose gradients use explicit transposes.
 */
import { tf } from "./backend.js";
import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Save = (ts: Tensor[]) => void;

const lookupGrad = tf.customGrad(((t: Tensor2D, i: Tensor1D, save: Save) => {
  save([i]);
  const shape = t.shape;
  return {
    value: tf.gather(t, i),
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const idx = saved[0]!;
      return [tf.scatterND(tf.reshape(idx, [-1, 1]), dy, shape), tf.zerosLike(idx)];
    },
  };
}) as any);

/** rows = table[ids]; table [V, D] float32, ids [N] int32 -> [N, D]. Gradient: dense [V, D] via scatterND (sums duplicates). */
export function lookup(table: Tensor2D, ids: Tensor1D): Tensor2D {
  return lookupGrad(table, ids) as Tensor2D;
}

const mmGrad = tf.customGrad(((x: Tensor2D, y: Tensor2D, save: Save) => {
  save([x, y]);
  return {
    value: tf.matMul(x, y),
    gradFunc: (dy: Tensor2D, saved: Tensor[]) => {
      const [sx, sy] = saved as [Tensor2D, Tensor2D];
      return [tf.matMul(dy, tf.transpose(sy)), tf.matMul(tf.transpose(sx), dy)];
    },
  };
}) as any);

/** a [M, K] x b [K, N] -> [M, N]; gradients with explicit transposes (no transpose flags). */
export function mm(a: Tensor2D, b: Tensor2D): Tensor2D {
  return mmGrad(a, b) as Tensor2D;
}

/** Numerically stable binary cross-entropy on logits, mean over the batch: softplus(x) - x*y. */
export function bceWithLogits(logits: Tensor, labels: Tensor): Tensor {
  return tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, labels)));
}
