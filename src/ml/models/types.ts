import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";

export type ModelKind = "crossnet" | "dagfm";
export type DagfmType = "inner" | "outer";

/** What a network is: enough to rebuild it (stored in checkpoint metadata). */
export interface NetConfig {
  model: ModelKind;
  embeddingSize: number;
  depth: number;
  /** DAGFM only. */
  type?: DagfmType;
  /** Number of fields F. */
  fields: number;
}

/** A feature-interaction network over flattened field embeddings x0 [B, F*D] (field-major). */
export interface Net {
  config: NetConfig;
  /** Stable parameter name -> variable (insertion order = checkpoint order). */
  params: Map<string, Variable>;
  /** Names of params that get L2 (weights, not biases). */
  l2Params: string[];
  /** Logits [B]. */
  logits(x0: Tensor2D): Tensor1D;
  dispose(): void;
}
