import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend, tf } from "../../src/ml/backend.js";
import { GRADIENTS } from "../../src/ml/gradients.js";
import type { Tensor } from "@tensorflow/tfjs-core";
import { Rng } from "../../src/ml/rng.js";

const rng = new Rng(21);
const t = (shape: number[]): Tensor => tf.tensor(rng.normalArray(shape.reduce((a, b) => a * b, 1), 1), shape);

/** Functions of (a, b) exercising every kernel in GRADIENTS, with broadcasting. */
const cases: [string, (a: Tensor, b: Tensor) => Tensor, number[], number[]][] = [
  ["Add broadcast", (a, b) => tf.add(a, b), [4, 3], [3]],
  ["Sub broadcast", (a, b) => tf.sub(a, b), [4, 3], [4, 1]],
  ["Multiply broadcast", (a, b) => tf.mul(a, b), [2, 4, 3], [4, 1]],
  ["AddN", (a, b) => tf.addN([a, b, a]), [4, 3], [4, 3]],
  ["Reshape + Sum(axis 1, keepDims)", (a, b) => tf.mul(tf.sum(tf.reshape(a, [2, 6]), 1, true), tf.reshape(b, [2, 6])), [4, 3], [3, 4]],
  ["Sum(axis 2)", (a, b) => tf.mul(tf.sum(a, 2), b), [2, 4, 3], [2, 4]],
  ["Softplus + Mean", (a, b) => tf.mean(tf.sub(tf.softplus(a), tf.mul(a, b))), [5], [5]],
  ["Square + Sum(all)", (a, b) => tf.mul(tf.sum(tf.square(a)), b), [4, 3], [2]],
  ["SquaredDifference + Mean", (a, b) => tf.mean(tf.squaredDifference(a, b)), [6], [6]],
  ["Mean(axis 0)", (a, b) => tf.mul(tf.mean(a, 0), b), [4, 3], [3]],
];

test("our registered gradients equal @tensorflow/tfjs's official ones", async () => {
  await initBackend("cpu");
  const inputs = cases.map(([, , sa, sb]) => [t(sa), t(sb)] as const);
  const up = cases.map(([, f], i) => t(f(inputs[i]![0], inputs[i]![1]).shape));
  const run = () =>
    cases.map(([, f], i) =>
      tf.grads((a: Tensor, b: Tensor) => tf.sum(tf.mul(f(a, b), up[i]!)))([inputs[i]![0], inputs[i]![1]]).map((g) => Array.from(g.dataSync())),
    );
  const ours = run();
  for (const g of GRADIENTS.filter((g) => g.kernelName !== "Identity" && g.kernelName !== "Cast"))
    assert.equal(tf.getGradient(g.kernelName), g, `${g.kernelName} is ours before loading tfjs`);
  await import("@tensorflow/tfjs"); // registers the official gradients over ours
  assert.notEqual(tf.getGradient("Add"), GRADIENTS[0]);
  const official = run();
  cases.forEach(([name], i) => {
    for (let k = 0; k < 2; k++) {
      const a = ours[i]![k]!;
      const b = official[i]![k]!;
      assert.equal(a.length, b.length, name);
      for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j]! - b[j]!) < 1e-5, `${name} input ${k} [${j}]: ${a[j]} vs ${b[j]}`);
    }
  });
});
