/** An ml-100k-like feature layout and random batches for bench/train (no data files needed). */
import type { EncodedDataset, EncodedSplit, FeatureLayout, FieldInfo } from "../../src/ml/data/types.js";
import { Rng } from "../../src/ml/rng.js";

/** ml-100k's 7 fields: user_id, item_id, age, gender, occupation, release_year, class (genres, up to 6). */
export const ML100K_FIELDS: [string, FieldInfo["kind"], number, number][] = [
  ["user_id", "token", 944, 1],
  ["item_id", "token", 1683, 1],
  ["age", "token", 62, 1],
  ["gender", "token", 3, 1],
  ["occupation", "token", 22, 1],
  ["release_year", "token", 72, 1],
  ["class", "token_seq", 20, 6],
];

export function benchLayout(): FeatureLayout {
  const fields: FieldInfo[] = [];
  let offset = 0;
  const slotField: number[] = [];
  ML100K_FIELDS.forEach(([name, kind, vocab, slots], i) => {
    fields.push({ name, kind, offset, vocab, slots });
    offset += vocab;
    for (let s = 0; s < slots; s++) slotField.push(i);
  });
  return { fields, totalVocab: offset, totalSlots: slotField.length, slotField: Int32Array.from(slotField), digest: "bench" };
}

export function randomSplit(layout: FeatureLayout, n: number, seed: number): EncodedSplit {
  const rng = new Rng(seed);
  const S = layout.totalSlots;
  const ids = new Int32Array(n * S);
  const weights = new Float32Array(n * S);
  const labels = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (const f of layout.fields) {
      const len = f.slots === 1 ? 1 : 1 + Math.floor(rng.next() * 3);
      for (let k = 0; k < f.slots; k++, s++) {
        ids[r * S + s] = f.offset + (k < len ? Math.floor(rng.next() * f.vocab) : 0);
        weights[r * S + s] = k < len ? 1 / len : 0;
      }
    }
    labels[r] = rng.next() < 0.55 ? 1 : 0;
  }
  return { n, ids, weights, labels };
}

export function benchDataset(n: number): EncodedDataset {
  const layout = benchLayout();
  const split = randomSplit(layout, n, 1);
  return { layout, train: split, valid: split, test: split, digest: "bench", description: "bench" };
}
