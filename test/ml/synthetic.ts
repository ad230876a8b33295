/** A small in-test synthetic EncodedDataset (planted first-order and pairwise effects). Not a test file. */
import type { EncodedDataset, EncodedSplit, FeatureLayout, FieldInfo } from "../../src/ml/data/types.js";
import { Rng } from "../../src/ml/rng.js";

export interface SynthOptions {
  rows?: number;
  /** Vocab sizes of the token fields. */
  vocabs?: number[];
  /** Slots of one extra token_seq field (0 = none). */
  seqSlots?: number;
  seed?: number;
  digest?: string;
}

export function synthDataset(o: SynthOptions = {}): EncodedDataset {
  const rows = o.rows ?? 6000;
  const vocabs = o.vocabs ?? [20, 15, 10, 8];
  const seqSlots = o.seqSlots ?? 2;
  const rng = new Rng(o.seed ?? 7);
  const fields: FieldInfo[] = [];
  let offset = 0;
  vocabs.forEach((v, i) => {
    fields.push({ name: `f${i}`, kind: "token", offset, vocab: v, slots: 1 });
    offset += v;
  });
  const seqVocab = 6;
  if (seqSlots > 0) {
    fields.push({ name: "seq", kind: "token_seq", offset, vocab: seqVocab, slots: seqSlots });
    offset += seqVocab;
  }
  const totalSlots = vocabs.length + seqSlots;
  const slotField = new Int32Array(totalSlots);
  for (let s = 0; s < totalSlots; s++) slotField[s] = Math.min(s, vocabs.length);
  const layout: FeatureLayout = { fields, totalVocab: offset, totalSlots, slotField, digest: "layout-" + (o.digest ?? "synth") };
  // Planted effects: first-order per id, pairwise between f0 and f1, f2 and f3.
  const first = Array.from({ length: offset }, () => rng.normal() * 0.5);
  const pair01 = Array.from({ length: vocabs[0]! * vocabs[1]! }, () => rng.normal() * 1.5);
  const pair23 = Array.from({ length: (vocabs[2] ?? 1) * (vocabs[3] ?? 1) }, () => rng.normal() * 1.5);
  const ids = new Int32Array(rows * totalSlots);
  const weights = new Float32Array(rows * totalSlots);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const vals = vocabs.map((v) => Math.floor(rng.next() * v));
    let logit = 0;
    vals.forEach((v, i) => {
      ids[r * totalSlots + i] = fields[i]!.offset + v;
      weights[r * totalSlots + i] = 1;
      logit += first[fields[i]!.offset + v]!;
    });
    if (seqSlots > 0) {
      const len = 1 + Math.floor(rng.next() * seqSlots);
      for (let s = 0; s < seqSlots; s++) {
        const at = r * totalSlots + vocabs.length + s;
        if (s < len) {
          const g = Math.floor(rng.next() * (seqVocab - 1)) + 1;
          ids[at] = fields[vocabs.length]!.offset + g;
          weights[at] = 1 / len;
          logit += first[fields[vocabs.length]!.offset + g]! / len;
        } else {
          ids[at] = fields[vocabs.length]!.offset; // padding id
          weights[at] = 0;
        }
      }
    }
    logit += pair01[vals[0]! * vocabs[1]! + vals[1]!]!;
    if (vocabs.length >= 4) logit += pair23[vals[2]! * vocabs[3]! + vals[3]!]!;
    labels[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const cut = (a: number, b: number): EncodedSplit => ({
    n: b - a,
    ids: ids.slice(a * totalSlots, b * totalSlots),
    weights: weights.slice(a * totalSlots, b * totalSlots),
    labels: labels.slice(a, b),
  });
  const nTrain = Math.floor(rows * 0.8);
  const nValid = Math.floor(rows * 0.1);
  return {
    layout,
    train: cut(0, nTrain),
    valid: cut(nTrain, nTrain + nValid),
    test: cut(nTrain + nValid, rows),
    digest: "data-" + (o.digest ?? "synth"),
    description: `synthetic test data (${rows} rows)`,
  };
}
