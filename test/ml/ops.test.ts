import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend, tf } from "../../src/ml/backend.js";
import { lookup, mm } from "../../src/ml/ops.js";
import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { Rng } from "../../src/ml/rng.js";

function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  assert.equal(x.length, y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

test("lookup: value and gradient equal tf.gather's on cpu (duplicate ids summed)", async () => {
  assert.equal(await initBackend("cpu"), "cpu");
  const rng = new Rng(3);
  const table = tf.tensor2d(rng.normalArray(10 * 4, 1), [10, 4]);
  const ids = tf.tensor1d([3, 1, 3, 9, 0, 3], "int32") as Tensor1D;
  const up = tf.tensor2d(rng.normalArray(6 * 4, 1), [6, 4]);
  const f = (g: (t: Tensor2D) => Tensor2D) => (t: Tensor) => tf.sum(tf.mul(g(t as Tensor2D), up));
  const mine = tf.grad(f((t) => lookup(t, ids)))(table);
  const ref = tf.grad(f((t) => tf.gather(t, ids) as Tensor2D))(table);
  assert.deepEqual(mine.shape, [10, 4]);
  assert.ok(maxDiff(mine, ref) < 1e-6);
  assert.ok(maxDiff(lookup(table, ids), tf.gather(table, ids)) === 0);
  // row 3 is looked up three times: its gradient is the sum of three upstream rows
  const upv = up.arraySync();
  const row3 = (mine.arraySync() as number[][])[3]!;
  for (let d = 0; d < 4; d++) assert.ok(Math.abs(row3[d]! - (upv[0]![d]! + upv[2]![d]! + upv[5]![d]!)) < 1e-6);
  assert.deepEqual((mine.arraySync() as number[][])[2], [0, 0, 0, 0]);
});

test("mm: value and both gradients equal tf.matMul's on cpu", async () => {
  await initBackend("cpu");
  const rng = new Rng(4);
  const a = tf.tensor2d(rng.normalArray(5 * 3, 1), [5, 3]);
  const b = tf.tensor2d(rng.normalArray(3 * 2, 1), [3, 2]);
  const up = tf.tensor2d(rng.normalArray(5 * 2, 1), [5, 2]);
  const loss = (g: (x: Tensor2D, y: Tensor2D) => Tensor2D) => (x: Tensor, y: Tensor) => tf.sum(tf.mul(g(x as Tensor2D, y as Tensor2D), up));
  const [ma, mb] = tf.grads(loss(mm))([a, b]);
  const [ra, rb] = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
  assert.ok(maxDiff(ma!, ra!) < 1e-6);
  assert.ok(maxDiff(mb!, rb!) < 1e-6);
  assert.ok(maxDiff(mm(a, b), tf.matMul(a, b)) < 1e-6);
});
