import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend, tf } from "../../src/ml/backend.js";
// The official gradients of tf.gather / tf.matMul / unsortedSegmentSum, as references.
import "@tensorflow/tfjs";
import { addBias, gatherSum, lookup, mm, mv } from "../../src/ml/ops.js";
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

test("gatherSum (the embedding bag): value and table gradient equal a tf.gather/unsortedSegmentSum reference on cpu", async () => {
  await initBackend("cpu");
  const rng = new Rng(5);
  const table = tf.tensor2d(rng.normalArray(8 * 3, 1), [8, 3]);
  // 2 examples x 3 slots -> 2 fields each (slots 1 and 2 both feed field 1, as a token_seq with weights 1/2)
  const index = Int32Array.from([4, 2, 7, 4, 1, 1]);
  const scale = Float32Array.from([1, 0.5, 0.5, 1, 0.5, 0]);
  const target = Int32Array.from([0, 1, 1, 2, 3, 3]);
  const up = tf.tensor2d(rng.normalArray(4 * 3, 1), [4, 3]);
  const ref = (t: Tensor) =>
    tf.unsortedSegmentSum(tf.mul(tf.gather(t, tf.tensor1d(index, "int32")), tf.tensor2d(scale, [6, 1])), tf.tensor1d(target, "int32"), 4) as Tensor2D;
  assert.ok(maxDiff(gatherSum(table, index, scale, target, 4), ref(table)) < 1e-6);
  const g = tf.grad((t: Tensor) => tf.sum(tf.mul(gatherSum(t as Tensor2D, index, scale, target, 4), up)))(table);
  const gr = tf.grad((t: Tensor) => tf.sum(tf.mul(ref(t), up)))(table);
  assert.ok(maxDiff(g, gr) < 1e-6);
  // row 4 feeds output rows 0 and 2 with weight 1: its gradient is up[0] + up[2]
  const u = up.arraySync();
  const row4 = (g.arraySync() as number[][])[4]!;
  for (let d = 0; d < 3; d++) assert.ok(Math.abs(row4[d]! - (u[0]![d]! + u[2]![d]!)) < 1e-6);
});

test("mv and addBias: values and gradients equal plain tf ops on cpu", async () => {
  await initBackend("cpu");
  const rng = new Rng(6);
  const x = tf.tensor2d(rng.normalArray(5 * 4, 1), [5, 4]);
  const w = tf.tensor2d(rng.normalArray(4, 1), [4, 1]);
  const b = tf.tensor1d(rng.normalArray(4, 1));
  const up = tf.tensor2d(rng.normalArray(5, 1), [5, 1]);
  const up4 = tf.tensor2d(rng.normalArray(20, 1), [5, 4]);
  const [gx, gw] = tf.grads((a: Tensor, c: Tensor) => tf.sum(tf.mul(mv(a as Tensor2D, c as Tensor2D), up)))([x, w]);
  const [rx, rw] = tf.grads((a: Tensor, c: Tensor) => tf.sum(tf.mul(tf.matMul(a as Tensor2D, c as Tensor2D), up)))([x, w]);
  assert.ok(maxDiff(gx!, rx!) < 1e-6);
  assert.ok(maxDiff(gw!, rw!) < 1e-6);
  const [bx, bb] = tf.grads((a: Tensor, c: Tensor) => tf.sum(tf.mul(addBias(a as Tensor2D, c), up4)))([x, b]);
  const [cx, cb] = tf.grads((a: Tensor, c: Tensor) => tf.sum(tf.mul(tf.add(a, c), up4)))([x, b]);
  assert.ok(maxDiff(bx!, cx!) < 1e-6);
  assert.ok(maxDiff(bb!, cb!) < 1e-5);
  assert.deepEqual(bb!.shape, [4]);
});
