/**
 * DAGFM student (Tian et al., WSDM 2023; same parametrisation as RecBole's KD_DAGFM.DAGFM).
 *
 * Fields are the nodes of a DAG: field i sends to field j only when i <= j (upper triangular incl.
 * the diagonal). With h0 = C x (C: learnable [F, F] "connect" matrix, identity at init), each layer
 *   inner: h_{l+1}[j] = h0[j] * sum_{i<=j} p_l[i,j] (.) h_l[i]                  (p_l[i,j] in R^D)
 *   outer: h_{l+1}[j] = h0[j] * sum_{i<=j} <h_l[i], p_l[i,j]> q_l[i,j]          (a rank-1 D x D map per edge)
 * The states sum_d h_l[j,d] of every layer (incl. h0) feed a linear logit (computed as one matVec
 * per layer with the weights repeated over d).
 *
 * Computation (no einsum, no gather gradient): everything stays flattened field-major [B, F*D], and
 * each contraction is one dense matMul with a structured matrix expanded from the compact parameter
 * by `gatherSum` (a JS gather with a scatter-add gradient; structural zeros stay zero):
 *   connect: [F*D, F*D] = C^T (x) I_D; inner: [F*D, F*D] block-diagonal in d;
 *   outer: [F*D, F*F] (P) times [F*F, F*D] (Q), multiplied first into one [F*D, F*D] matrix.
 */
import { tf } from "../backend.js";
import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import { addBias, gatherSum, mm, mv } from "../ops.js";
import { Rng } from "../rng.js";
import type { Net, NetConfig } from "./types.js";
import { expansion, makeVar, type Expansion } from "./vars.js";

export class Dagfm implements Net {
  readonly params = new Map<string, Variable>();
  readonly l2Params: string[] = [];
  private readonly connectExp: Expansion;
  private readonly pExp: Expansion;
  private readonly qExp: Expansion | null;
  /** Per layer l: out.w[l*F + f] repeated over d -> a [F*D, 1] column (sum over d folded into the logit). */
  private readonly outExp: Expansion[];

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
    const c: [number, number][] = [];
    for (let f = 0; f < F; f++) for (let s = 0; s < F; s++) for (let d = 0; d < D; d++) c.push([(f * D + d) * n + s * D + d, s * F + f]);
    this.connectExp = expansion(n, n, c);
    const p: [number, number][] = [];
    if (type === "inner") {
      // aggr[(s,d)] = sum_{f<=s} P[f,s,d] h[(f,d)]  ->  M[(f,d),(s,d)] = P[(f*F+s)*D+d]
      for (let f = 0; f < F; f++) for (let s = f; s < F; s++) for (let d = 0; d < D; d++) p.push([(f * D + d) * n + s * D + d, (f * F + s) * D + d]);
      this.pExp = expansion(n, n, p);
      this.qExp = null;
    } else {
      // term[(f,s)] = sum_d P[f,s,d] h[(f,d)] (f<=s)  ->  MP[(f,d),(f,s)] = P[(f*F+s)*D+d]
      for (let f = 0; f < F; f++) for (let s = f; s < F; s++) for (let d = 0; d < D; d++) p.push([(f * D + d) * (F * F) + f * F + s, (f * F + s) * D + d]);
      this.pExp = expansion(n, F * F, p);
      // aggr[(s,d)] = sum_f term[(f,s)] Q[f,s,d]  ->  MQ[(f,s),(s,d)] = Q[(f*F+s)*D+d]
      const q: [number, number][] = [];
      for (let f = 0; f < F; f++) for (let s = 0; s < F; s++) for (let d = 0; d < D; d++) q.push([(f * F + s) * n + s * D + d, (f * F + s) * D + d]);
      this.qExp = expansion(F * F, n, q);
    }
    this.outExp = [];
    for (let l = 0; l <= L; l++) {
      const o: [number, number][] = [];
      for (let f = 0; f < F; f++) for (let d = 0; d < D; d++) o.push([f * D + d, l * F + f]);
      this.outExp.push(expansion(n, 1, o));
    }
  }

  private add(name: string, v: Float32Array, shape: number[], l2: boolean): void {
    this.params.set(name, makeVar(name, v, shape));
    if (l2) this.l2Params.push(name);
  }

  /** Expand a compact parameter into its structured matrix (differentiable w.r.t. the parameter). */
  private expand(param: Variable, e: Expansion): Tensor2D {
    const flat = tf.reshape(param, [-1, 1]) as Tensor2D;
    return tf.reshape(gatherSum(flat, e.index, e.scale, e.target, e.rows * e.cols), [e.rows, e.cols]);
  }

  logits(x: Tensor2D): Tensor1D {
    const L = this.config.depth;
    const outW = this.params.get("dagfm.out.w")!;
    // logit = b + sum_l sum_f w[l,f] * sum_d h_l[f,d] = b + sum_l h_l . expand(w_l)  (no concat, no reshape-sum)
    const readout = (h: Tensor2D, l: number): Tensor2D => mv(h, this.expand(outW, this.outExp[l]!));
    const h0 = mm(x, this.expand(this.params.get("dagfm.connect")!, this.connectExp));
    let logit = readout(h0, 0);
    let h = h0;
    for (let l = 0; l < L; l++) {
      let aggr: Tensor2D;
      if (this.qExp === null) {
        aggr = mm(h, this.expand(this.params.get(`dagfm.p${l}`)!, this.pExp));
      } else {
        // (h MP) MQ = h (MP MQ): one [F*D, F*D] matrix per layer (a tiny product) and one big matMul,
        // cheaper on wasm than two thin ones (K or N = F*F) with their transposes.
        const w = mm(this.expand(this.params.get(`dagfm.p${l}`)!, this.pExp), this.expand(this.params.get(`dagfm.q${l}`)!, this.qExp));
        aggr = mm(h, w);
      }
      h = tf.mul(h0, aggr);
      logit = tf.add(logit, readout(h, l + 1));
    }
    return tf.reshape(addBias(logit, this.params.get("dagfm.out.b")!), [-1]);
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
  }
}
