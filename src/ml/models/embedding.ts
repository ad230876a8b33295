/**
 * Shared embedding table: one [totalVocab, D] table serves every field; a field's embedding is
 * sum over its slots of weight * E[id] (see src/ml/data/types.ts).
 */
import { tf } from "../backend.js";
import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { FeatureLayout } from "../data/types.js";
import { lookup, mm } from "../ops.js";
import { Rng } from "../rng.js";
import { makeVar } from "./vars.js";

export const EMBEDDING_PARAM = "embedding.table";

export class Embedding {
  readonly table: Variable;
  readonly fields: number;
  readonly slots: number;
  readonly dim: number;
  /** Slot counts per field when every field's slots are contiguous and in field order; else null. */
  private readonly runs: number[] | null;
  /** [S, F] slot -> field matrix, used when slots are not contiguous. */
  private readonly slotToField: Tensor2D | null;

  constructor(layout: FeatureLayout, dim: number, seed: number) {
    this.fields = layout.fields.length;
    this.slots = layout.totalSlots;
    this.dim = dim;
    const V = layout.totalVocab;
    // Xavier normal on the [V, D] table (as RecBole's context models initialise their shared table).
    const rng = new Rng(seed);
    this.table = makeVar(EMBEDDING_PARAM, rng.normalArray(V * dim, Math.sqrt(2 / (V + dim))), [V, dim]);
    let contiguous = true;
    for (let s = 1; s < this.slots; s++) if (layout.slotField[s]! < layout.slotField[s - 1]!) contiguous = false;
    const counts = new Array<number>(this.fields).fill(0);
    for (let s = 0; s < this.slots; s++) counts[layout.slotField[s]!]! += 1;
    if (counts.some((c) => c === 0)) contiguous = false;
    if (contiguous) {
      this.runs = counts;
      this.slotToField = null;
    } else {
      this.runs = null;
      const m = new Float32Array(this.slots * this.fields);
      for (let s = 0; s < this.slots; s++) m[s * this.fields + layout.slotField[s]!] = 1;
      this.slotToField = tf.keep(tf.tensor2d(m, [this.slots, this.fields]));
    }
  }

  /**
   * ids [B*S] int32, weights [B*S, 1] float32 -> field embeddings flattened field-major [B, F*D].
   * `table` defaults to this embedding's own table.
   */
  embed(ids: Tensor1D, weights: Tensor2D, batch: number): Tensor2D {
    const D = this.dim;
    const rows = tf.mul(lookup(this.table as unknown as Tensor2D, ids), weights); // [B*S, D]
    if (this.slots === this.fields) return tf.reshape(rows, [batch, this.fields * D]);
    if (this.runs !== null) {
      const x = tf.reshape(rows, [batch, this.slots, D]);
      if (this.runs.every((c) => c === 1)) return tf.reshape(x, [batch, this.fields * D]);
      const parts = tf.split(x, this.runs, 1).map((p, i) => (this.runs![i]! > 1 ? tf.sum(p, 1, true) : p));
      return tf.reshape(tf.concat(parts, 1), [batch, this.fields * D]);
    }
    // General case: [B, S, D] -> [B*D, S] x [S, F] -> [B, F, D].
    const t = tf.reshape(tf.transpose(tf.reshape(rows, [batch, this.slots, D]), [0, 2, 1]), [batch * D, this.slots]);
    const f = tf.reshape(mm(t as Tensor2D, this.slotToField!), [batch, D, this.fields]);
    return tf.reshape(tf.transpose(f, [0, 2, 1]), [batch, this.fields * D]);
  }

  dispose(): void {
    this.table.dispose();
    this.slotToField?.dispose();
  }
}
