import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend, tf } from "../../src/ml/backend.js";
import { JsAdam } from "../../src/ml/adam.js";

test("JsAdam: first step moves each weight by lr * sign(g); second step matches the formula", async () => {
  await initBackend("cpu");
  const w = tf.variable(tf.tensor1d([1, -2, 0.5]), true, "adam-test-w");
  const opt = new JsAdam({ learningRate: 0.1 });
  const g1 = [0.5, -3, 0];
  opt.apply([[w, tf.tensor1d(g1)]]);
  const after1 = Array.from(w.dataSync());
  assert.ok(Math.abs(after1[0]! - 0.9) < 1e-6);
  assert.ok(Math.abs(after1[1]! - -1.9) < 1e-6);
  assert.equal(after1[2], 0.5); // zero gradient: m = v = 0, no move
  const g2 = [-0.25, 1, 2];
  opt.apply([[w, tf.tensor1d(g2)]]);
  const b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1;
  const expected = [1, -2, 0.5].map((w0, i) => {
    const m1 = (1 - b1) * g1[i]!;
    const v1 = (1 - b2) * g1[i]! ** 2;
    const w1 = w0 - (lr * (m1 / (1 - b1))) / (Math.sqrt(v1 / (1 - b2)) + eps);
    const m2 = b1 * m1 + (1 - b1) * g2[i]!;
    const v2 = b2 * v1 + (1 - b2) * g2[i]! ** 2;
    return w1 - (lr * (m2 / (1 - b1 ** 2))) / (Math.sqrt(v2 / (1 - b2 ** 2)) + eps);
  });
  Array.from(w.dataSync()).forEach((x, i) => assert.ok(Math.abs(x - expected[i]!) < 1e-6, `${i}: ${x} vs ${expected[i]}`));
  w.dispose();
});
