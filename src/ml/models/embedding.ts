/**
 * Shared embedding table: one [totalVocab, D] table serves every field; a field's embedding is
 * sum over its slots of weight * E[id] (see src/ml/data/types.ts).
 */
import { tf } from "../backend.js";
import type { Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { FeatureLayout } from "../data/types.js";
import { gatherSum } from "../ops.js";
import { Rng } from "../rng.js";
import { makeVar } from "./vars.js";

export const EMBEDDING_PARAM = "embedding.table";

export class Embedding {
  readonly table: Variable;
  readonly fields: number;
  readonly slots: number;
  readonly dim: number;
  /** slot index -> field index. */
  private readonly slotField: Int32Array;

  constructor(layout: FeatureLayout, dim: number, seed: number) {
    this.fields = layout.fields.length;
    this.slots = layout.totalSlots;
    this.dim = dim;
    this.slotField = layout.slotField;
    const V = layout.totalVocab;
    // Xavier normal on the [V, D] table (as RecBole's context models initialise their shared table).
    const rng = new Rng(seed);
    this.table = makeVar(EMBEDDING_PARAM, rng.normalArray(V * dim, Math.sqrt(2 / (V + dim))), [V, dim]);
  }

  /**
   * ids, weights: [batch * totalSlots] row-major -> field embeddings flattened field-major [batch, F*D]:
   * x[r, f, :] = sum over slots s of field f of weights[r, s] * E[ids[r, s]].
   */
  embed(ids: Int32Array, weights: Float32Array, batch: number): Tensor2D {
    const S = this.slots;
    const F = this.fields;
    const target = new Int32Array(batch * S);
    for (let r = 0; r < batch; r++) for (let s = 0; s < S; s++) target[r * S + s] = r * F + this.slotField[s]!;
    const rows = gatherSum(this.table as unknown as Tensor2D, ids, weights, target, batch * F);
    return tf.reshape(rows, [batch, F * this.dim]);
  }

  dispose(): void {
    this.table.dispose();
  }
}
