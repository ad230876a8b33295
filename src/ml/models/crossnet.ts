/**
 * CrossNet teacher (as KD-DAGFM's teacher / RecBole's CrossNet): over x0 = the flattened field
 * embeddings [B, F*D],  x_{l+1} = x0 * (W_l x_l + b_l) + x_l  for `depth` layers, then a linear logit.
 * Row-vector layout: W_l is stored so that the product is x_l [B, n] x W_l [n, n] (i.e. the transpose
 * of the column-vector W in the paper).
 */
import { tf } from "../backend.js";
import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import { addBias, mm, mv } from "../ops.js";
import { Rng } from "../rng.js";
import type { Net, NetConfig } from "./types.js";
import { makeVar } from "./vars.js";

export class CrossNet implements Net {
  readonly params = new Map<string, Variable>();
  readonly l2Params: string[] = [];
  constructor(readonly config: NetConfig, seed: number) {
    const n = config.fields * config.embeddingSize;
    const rng = new Rng(seed);
    for (let l = 0; l < config.depth; l++) {
      this.add(`crossnet.w${l}`, rng.normalArray(n * n, Math.sqrt(1 / n)), [n, n], true);
      this.add(`crossnet.b${l}`, new Float32Array(n), [n], false);
    }
    this.add("crossnet.out.w", rng.normalArray(n, Math.sqrt(2 / (n + 1))), [n, 1], true);
    this.add("crossnet.out.b", new Float32Array(1), [1], false);
  }

  private add(name: string, v: Float32Array, shape: number[], l2: boolean): void {
    this.params.set(name, makeVar(name, v, shape));
    if (l2) this.l2Params.push(name);
  }

  private p(name: string): Tensor2D {
    return this.params.get(name)! as unknown as Tensor2D;
  }

  logits(x0: Tensor2D): Tensor1D {
    let x = x0;
    for (let l = 0; l < this.config.depth; l++) {
      const z = addBias(mm(x, this.p(`crossnet.w${l}`)), this.params.get(`crossnet.b${l}`)!);
      x = tf.add(tf.mul(x0, z), x);
    }
    const out = addBias(mv(x, this.p("crossnet.out.w")), this.params.get("crossnet.out.b")!);
    return tf.reshape(out, [-1]);
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
  }
}
