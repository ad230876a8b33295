/**
 * Encoded CTR data: the contract between data loading (src/ml/data) and models (src/ml).
 *
 * Every field is a bag of (global id, weight) "slots":
 *  - token field:      1 slot, weight 1 (unknown values -> the field's OOV id)
 *  - token_seq field:  `slots` slots (max sequence length), weight 1/len each, padding id with weight 0
 *  - float field:      1 slot, the field's single id, weight = normalised value
 * A field's embedding is sum_s weight[s] * E[id[s]] over its slots, so one embedding table of
 * `totalVocab` rows serves every field, and token_seq fields are the mean of their embeddings.
 */
export interface FieldInfo {
  name: string;
  kind: "token" | "token_seq" | "float";
  /** First global id of this field in the shared embedding table. */
  offset: number;
  /** Ids used by this field (incl. its OOV / padding id). */
  vocab: number;
  /** Number of slots this field uses per example. */
  slots: number;
}

export interface FeatureLayout {
  fields: FieldInfo[];
  totalVocab: number;
  totalSlots: number;
  /** slot index -> field index, length totalSlots. */
  slotField: Int32Array;
  /** sha256 hex of the canonical layout (names, kinds, vocab sizes, slots, vocab contents). */
  digest: string;
}

export interface EncodedSplit {
  n: number;
  /** n * totalSlots, row-major. */
  ids: Int32Array;
  /** n * totalSlots, row-major. */
  weights: Float32Array;
  /** n labels, 0 or 1. */
  labels: Float32Array;
}

export interface EncodedDataset {
  layout: FeatureLayout;
  train: EncodedSplit;
  valid: EncodedSplit;
  test: EncodedSplit;
  /** Digest of the dataset as used: source bytes + label/field/split settings. */
  digest: string;
  /** Human description, e.g. "recbole ml-100k (82520 rows)". */
  description: string;
}
