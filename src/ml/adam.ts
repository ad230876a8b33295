/**
 * Adam in JS over Float32Arrays (Kingma & Ba; the update of torch.optim.Adam, eps outside the sqrt):
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * One pass per variable instead of ~10 small TF.js kernels each, and identical on every backend.
 */
import { tf } from "./backend.js";
import type { Tensor, Variable } from "@tensorflow/tfjs-core";

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class JsAdam {
  private readonly m = new Map<Variable, Float32Array>();
  private readonly v = new Map<Variable, Float32Array>();
  private t = 0;
  private readonly lr: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;

  constructor(o: AdamOptions) {
    this.lr = o.learningRate;
    this.b1 = o.beta1 ?? 0.9;
    this.b2 = o.beta2 ?? 0.999;
    this.eps = o.epsilon ?? 1e-8;
  }

  /** Apply one update; `grads` pairs each variable with its gradient (variables without one are skipped). */
  apply(pairs: [Variable, Tensor][]): void {
    this.t += 1;
    const c1 = 1 - Math.pow(this.b1, this.t);
    const c2 = 1 - Math.pow(this.b2, this.t);
    const { b1, b2, eps, lr } = this;
    for (const [variable, grad] of pairs) {
      const g = grad.dataSync() as Float32Array;
      const w = (variable.dataSync() as Float32Array).slice();
      let m = this.m.get(variable);
      let v = this.v.get(variable);
      if (m === undefined || v === undefined) {
        m = new Float32Array(w.length);
        v = new Float32Array(w.length);
        this.m.set(variable, m);
        this.v.set(variable, v);
      }
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = b1 * m[i]! + (1 - b1) * gi;
        const vi = b2 * v[i]! + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = w[i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      }
      const next = tf.tensor(w, variable.shape, "float32");
      variable.assign(next);
      next.dispose();
    }
  }
}
