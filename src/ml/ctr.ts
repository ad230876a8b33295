/**
 * A CTR model = shared embedding table + interaction network; and the Trainables the three stages use.
 */
import { tf } from "./backend.js";
import type { Scalar, Tensor, Tensor1D, Variable } from "@tensorflow/tfjs-core";
import type { FeatureLayout } from "./data/types.js";
import { Embedding, EMBEDDING_PARAM } from "./models/embedding.js";
import { createNet } from "./models/index.js";
import type { Net, NetConfig } from "./models/types.js";
import { bceWithLogits } from "./ops.js";
import { subSeed } from "./rng.js";
import type { Batch, Trainable } from "./train.js";

export class CtrModel {
  constructor(
    readonly embedding: Embedding,
    readonly net: Net,
  ) {}

  static create(layout: FeatureLayout, config: Omit<NetConfig, "fields">, seed: number): CtrModel {
    const emb = new Embedding(layout, config.embeddingSize, subSeed(seed, "embedding"));
    const net = createNet({ ...config, fields: layout.fields.length }, subSeed(seed, config.model));
    return new CtrModel(emb, net);
  }

  /** Every parameter by stable name: the embedding table first, then the network's. */
  params(): Map<string, Variable> {
    return new Map<string, Variable>([[EMBEDDING_PARAM, this.embedding.table], ...this.net.params]);
  }

  logits(b: Batch): Tensor1D {
    return this.net.logits(this.embedding.embed(b.ids, b.weights, b.n));
  }

  /** Dispose the network and (unless shared with another model) the embedding. */
  dispose(keepEmbedding = false): void {
    this.net.dispose();
    if (!keepEmbedding) this.embedding.dispose();
  }
}

/** Train every parameter (embedding + network) on BCE: ctr.train and ctr.finetune. */
export function bceTrainable(m: CtrModel): Trainable {
  return {
    vars: m.params(),
    l2: [EMBEDDING_PARAM, ...m.net.l2Params],
    loss: (b) => bceWithLogits(m.logits(b), b.labels) as Scalar,
    predict: (b) => m.logits(b),
  };
}

/**
 * ctr.distill, as RecBole's KD_DAGFM distillation phase: the teacher is frozen, the student reads the
 * teacher's embeddings, detached (the embedding table is frozen too: `dagfm_all_embeddings.data`), and
 * only the student's interaction parameters train on  alpha * BCE(label) + beta * MSE(teacher logit, student logit).
 */
export function distillTrainable(teacher: CtrModel, student: Net, alpha: number, beta: number): Trainable {
  const emb = teacher.embedding;
  return {
    vars: new Map(student.params),
    l2: [...student.l2Params],
    prepare: (b): Tensor[] => {
      const x0 = emb.embed(b.ids, b.weights, b.n);
      return [x0, teacher.net.logits(x0)];
    },
    loss: (b, [x0, tLogits]) => {
      const s = student.logits(x0 as never);
      const bce = bceWithLogits(s, b.labels);
      const mse = tf.mean(tf.squaredDifference(s, tLogits!));
      return tf.add(tf.mul(bce, alpha), tf.mul(mse, beta)) as Scalar;
    },
    predict: (b) => student.logits(emb.embed(b.ids, b.weights, b.n)),
  };
}
