/**
 * DAGFM student (Tian et al., WSDM 2023; same parametrisation as RecBole's KD_DAGFM.DAGFM).
 *
 * Fields are the nodes of a DAG: field i sends to field j only when i <= j (upper triangular incl.
 * the diagonal). With h0 = C x (C: learnable [F, F] "connect" matrix, identity at init), each layer
 *   inner: h_{l+1}[j] = h0[j] * sum_{i<=j} p_l[i,j] (.) h_l[i]                  (p_l[i,j] in R^D)
 *   outer: h_{l+1}[j] = h0[j] * sum_{i<=j} <h_l[i], p_l[i,j]> q_l[i,j]          (a rank-1 D x D map per edge)
 * The states sum_d h_l[j,d] of every layer (incl. h0) feed a linear logit.
 *
 * Computation (no einsum, no gather gradient): everything stays flattened field-major [B, F*D], and
 * each contraction is one dense matMul with a structured matrix expanded from the compact parameter
 * by `lookup` (gather with a scatterND gradient) times a fixed 0/1 mask:
 *   connect: [F*D, F*D] = C^T (x) I_D; inner: [F*D, F*D] block-diagonal in d;
 *   outer: [F*D, F*F] (P) then [F*F, F*D] (Q).
 */
import { tf } from "../backend.js";
import type { Tensor, Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import { lookup, mm } from "../ops.js";
import { Rng } from "../rng.js";
import type { Net, NetConfig } from "./types.js";
import { makeVar, newExpansion, type Expansion } from "./vars.js";

interface ExpTensors {
  index: Tensor1D;
  mask: Tensor2D;
  rows: number;
  cols: number;
}

function keepExpansion(e: Expansion): ExpTensors {
  return {
    index: tf.keep(tf.tensor1d(e.index, "int32")),
    mask: tf.keep(tf.tensor2d(e.mask, [e.rows, e.cols])),
    rows: e.rows,
    cols: e.cols,
  };
}

export class Dagfm implements Net {
  readonly params = new Map<string, Variable>();
  readonly l2Params: string[] = [];
  private readonly connectExp: ExpTensors;
  private readonly pExp: ExpTensors;
  private readonly qExp: ExpTensors | null;

  constructor(readonly config: NetConfig, seed: number) {
    const F = config.fields;
    const D = config.embeddingSize;
    const L = config.depth;
    const type = config.type ?? "inner";
    const rng = new Rng(seed);
    const eye = new Float32Array(F * F);
    for (let i = 0; i < F; i++) eye[i * F + i] = 1;
    this.add("dagfm.connect", eye, [F, F], true);
    // xavier_normal_(gain=1.414) on [F, F, D]: fan_in = fan_out = F*D.
    const std = 1.414 * Math.sqrt(2 / (2 * F * D));
    for (let l = 0; l < L; l++) {
      this.add(`dagfm.p${l}`, rng.normalArray(F * F * D, std), [F, F, D], true);
      if (type === "outer") this.add(`dagfm.q${l}`, rng.normalArray(F * F * D, std), [F, F, D], true);
    }
    const nOut = F * (L + 1);
    this.add("dagfm.out.w", rng.normalArray(nOut, Math.sqrt(2 / (nOut + 1))), [nOut, 1], true);
    this.add("dagfm.out.b", new Float32Array(1), [1], false);

    const n = F * D;
    // connect: h0[(s,d)] = sum_f C[s,f] x[(f,d)]  ->  M[(f,d),(s,d)] = C[s*F+f]
    const c = newExpansion(n, n);
    for (let f = 0; f < F; f++)
      for (let s = 0; s < F; s++)
        for (let d = 0; d < D; d++) {
          const cell = (f * D + d) * n + s * D + d;
          c.index[cell] = s * F + f;
          c.mask[cell] = 1;
        }
    this.connectExp = keepExpansion(c);
    if (type === "inner") {
      // aggr[(s,d)] = sum_{f<=s} P[f,s,d] h[(f,d)]  ->  M[(f,d),(s,d)] = P[(f*F+s)*D+d]
      const e = newExpansion(n, n);
      for (let f = 0; f < F; f++)
        for (let s = f; s < F; s++)
          for (let d = 0; d < D; d++) {
            const cell = (f * D + d) * n + s * D + d;
            e.index[cell] = (f * F + s) * D + d;
            e.mask[cell] = 1;
          }
      this.pExp = keepExpansion(e);
      this.qExp = null;
    } else {
      // term[(f,s)] = sum_d P[f,s,d] h[(f,d)] (f<=s)  ->  MP[(f,d),(f,s)] = P[(f*F+s)*D+d]
      const e = newExpansion(n, F * F);
      for (let f = 0; f < F; f++)
        for (let s = f; s < F; s++)
          for (let d = 0; d < D; d++) {
            const cell = (f * D + d) * (F * F) + f * F + s;
            e.index[cell] = (f * F + s) * D + d;
            e.mask[cell] = 1;
          }
      this.pExp = keepExpansion(e);
      // aggr[(s,d)] = sum_f term[(f,s)] Q[f,s,d]  ->  MQ[(f,s),(s,d)] = Q[(f*F+s)*D+d]
      const q = newExpansion(F * F, n);
      for (let f = 0; f < F; f++)
        for (let s = 0; s < F; s++)
          for (let d = 0; d < D; d++) {
            const cell = (f * F + s) * n + s * D + d;
            q.index[cell] = (f * F + s) * D + d;
            q.mask[cell] = 1;
          }
      this.qExp = keepExpansion(q);
    }
  }

  private add(name: string, v: Float32Array, shape: number[], l2: boolean): void {
    this.params.set(name, makeVar(name, v, shape));
    if (l2) this.l2Params.push(name);
  }

  /** Expand a compact parameter into its structured matrix (differentiable w.r.t. the parameter). */
  private expand(param: Variable, e: ExpTensors): Tensor2D {
    const flat = tf.reshape(param, [-1, 1]) as Tensor2D;
    return tf.mul(tf.reshape(lookup(flat, e.index), [e.rows, e.cols]), e.mask);
  }

  logits(x: Tensor2D): Tensor1D {
    const { fields: F, embeddingSize: D, depth: L } = this.config;
    const B = x.shape[0];
    const h0 = mm(x, this.expand(this.params.get("dagfm.connect")!, this.connectExp));
    const states: Tensor[] = [tf.sum(tf.reshape(h0, [B, F, D]), 2)];
    let h = h0;
    for (let l = 0; l < L; l++) {
      let aggr: Tensor2D;
      if (this.qExp === null) {
        aggr = mm(h, this.expand(this.params.get(`dagfm.p${l}`)!, this.pExp));
      } else {
        const term = mm(h, this.expand(this.params.get(`dagfm.p${l}`)!, this.pExp));
        aggr = mm(term, this.expand(this.params.get(`dagfm.q${l}`)!, this.qExp));
      }
      h = tf.mul(h0, aggr);
      states.push(tf.sum(tf.reshape(h, [B, F, D]), 2));
    }
    const out = tf.add(mm(tf.concat(states, 1) as Tensor2D, this.params.get("dagfm.out.w")! as unknown as Tensor2D), this.params.get("dagfm.out.b")!);
    return tf.reshape(out, [-1]);
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    for (const e of [this.connectExp, this.pExp, this.qExp]) {
      if (e === null) continue;
      e.index.dispose();
      e.mask.dispose();
    }
  }
}
