/**
 * Differentiable building blocks that train on every backend (cpu, wasm, tensorflow).
 *
 * On the wasm backend `tf.gather`'s gradient (UnsortedSegmentSum) has no kernel, `tf.einsum` has no
 * gradient, and matMul with transpose flags falls off XNNPACK's fast path (10x slower). So:
 *  - `lookup`: an in-graph gather whose gradient is a scatterND (duplicates summed) into a dense table.
 *  - `gatherSum`: the same idea computed in JS, with a weighted sum into output rows (what the
 *    models use: wasm's GatherV2, SplitV and Concat are slow on many small rows).
 *  - `mm`: matMul whose gradients use explicit transposes.
 *  - `addBias`: bias add whose bias gradient is a matMul with ones (wasm's axis-0 Sum is slow).
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

/**
 * Sparse weighted gather-sum computed in JS (TF.js's wasm GatherV2 and SplitV/Concat on small rows
 * are slow): out[target[e], :] += scale[e] * table[index[e], :] for every entry e; out has `outRows`
 * rows of the table's width. Gradient w.r.t. the table (dense, deterministic order):
 * g[index[e], :] += scale[e] * dy[target[e], :]. index/scale/target are data (no gradient).
 * Used for the embedding bag (slots -> fields) and to expand compact DAGFM parameters into
 * structured matrices.
 */
export function gatherSum(table: Tensor2D, index: Int32Array, scale: Float32Array, target: Int32Array, outRows: number): Tensor2D {
  const [V, W] = table.shape;
  const n = index.length;
  const f = tf.customGrad(((t: Tensor2D) => {
    const tab = t.dataSync() as Float32Array;
    const out = new Float32Array(outRows * W);
    for (let e = 0; e < n; e++) {
      const s = scale[e]!;
      if (s === 0) continue;
      const src = index[e]! * W;
      const dst = target[e]! * W;
      for (let d = 0; d < W; d++) out[dst + d]! += s * tab[src + d]!;
    }
    return {
      value: tf.tensor2d(out, [outRows, W]),
      gradFunc: (dy: Tensor) => {
        const g = new Float32Array(V * W);
        const dv = dy.dataSync() as Float32Array;
        for (let e = 0; e < n; e++) {
          const s = scale[e]!;
          if (s === 0) continue;
          const dst = index[e]! * W;
          const src = target[e]! * W;
          for (let d = 0; d < W; d++) g[dst + d]! += s * dv[src + d]!;
        }
        return [tf.tensor2d(g, [V, W])];
      },
    };
  }) as any);
  return f(table) as Tensor2D;
}

const biasGrad = tf.customGrad(((x: Tensor2D, b: Tensor1D) => ({
  value: tf.add(x, b),
  // db = 1^T dy as a matMul: wasm's Sum over axis 0 transposes first and is slow.
  gradFunc: (dy: Tensor2D) => [dy, tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), b.shape)],
})) as any);

/** x [B, n] + b [n] (bias gradient by a matMul with ones). */
export function addBias(x: Tensor2D, b: Tensor): Tensor2D {
  return biasGrad(x, b) as Tensor2D;
}

const mvGrad = tf.customGrad(((x: Tensor2D, w: Tensor2D, save: Save) => {
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: Tensor2D, saved: Tensor[]) => {
      const [sx, sw] = saved as [Tensor2D, Tensor2D];
      const [B, n] = sx.shape;
      // [B,1] and [n,1] transpose by a reshape: no Transpose kernel at all.
      return [tf.matMul(dy, tf.reshape(sw, [1, n])), tf.reshape(tf.matMul(tf.reshape(dy, [1, B]), sx), [n, 1])];
    },
  };
}) as any);

/** x [B, n] x w [n, 1] -> [B, 1] (a matVec whose gradients need no transposes). */
export function mv(x: Tensor2D, w: Tensor2D): Tensor2D {
  return mvGrad(x, w) as Tensor2D;
}
