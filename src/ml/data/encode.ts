import { canonicalJson, sha256Hex as sha256 } from "../../util/digest.js";
import type { EncodedSplit, FeatureLayout, FieldInfo } from "./types.js";
import type { RawColumn } from "./table.js";
import type { SplitIndex } from "./split.js";

/** Bump when the encoding of the same data changes (part of layout and dataset digests). */
export const ENCODING_VERSION = 1;
export const DEFAULT_MAX_SEQ_LEN = 8;

export interface EncodeOptions {
  /** Cap on token_seq slots (longer sequences keep their first maxSeqLen tokens). */
  maxSeqLen: number;
}

/** How one field maps raw values to (id, weight) slots; built on the train split only. */
interface FieldPlan {
  info: FieldInfo;
  col: RawColumn;
  /** token kinds: raw code -> global id (OOV = info.offset). */
  map?: Int32Array;
  /** token kinds: vocabulary in id order (id offset+1+i). */
  tokens?: string[];
  mean?: number;
  std?: number;
}

export interface Encoded {
  layout: FeatureLayout;
  train: EncodedSplit;
  valid: EncodedSplit;
  test: EncodedSplit;
}

/**
 * Build the feature layout on the train rows and encode every split.
 * `rows[k]` is the source row of example k, `labels[k]` its label; `split` indexes examples.
 */
export function encode(columns: RawColumn[], rows: Int32Array, labels: Uint8Array, split: SplitIndex, opts: EncodeOptions): Encoded {
  const trainRows = new Int32Array(split.train.length);
  for (let i = 0; i < trainRows.length; i++) trainRows[i] = rows[split.train[i]!]!;
  const plans: FieldPlan[] = [];
  let offset = 0;
  for (const col of columns) {
    const p = planField(col, trainRows, offset, opts);
    plans.push(p);
    offset += p.info.vocab;
  }
  const fields = plans.map((p) => p.info);
  const totalSlots = fields.reduce((s, f) => s + f.slots, 0);
  const slotField = new Int32Array(totalSlots);
  for (let f = 0, s = 0; f < fields.length; f++) for (let k = 0; k < fields[f]!.slots; k++) slotField[s++] = f;
  const layout: FeatureLayout = { fields, totalVocab: offset, totalSlots, slotField, digest: layoutDigest(plans) };
  const enc = (idx: Int32Array) => encodeSplit(plans, totalSlots, rows, labels, idx);
  return { layout, train: enc(split.train), valid: enc(split.valid), test: enc(split.test) };
}

function planField(col: RawColumn, trainRows: Int32Array, offset: number, opts: EncodeOptions): FieldPlan {
  switch (col.kind) {
    case "token":
    case "token_seq": {
      const seen = new Uint8Array(col.dict.length);
      let maxLen = 1;
      // hot loops read typed arrays from locals (a property load per element is megamorphic)
      const cc = col.codes;
      if (col.kind === "token") {
        for (let i = 0; i < trainRows.length; i++) { const c = cc[trainRows[i]!]!; if (c >= 0) seen[c] = 1; }
      } else {
        const st = col.starts;
        for (let i = 0; i < trainRows.length; i++) {
          const r = trainRows[i]!, a = st[r]!, b = st[r + 1]!;
          if (b - a > maxLen) maxLen = b - a;
          for (let j = a; j < b; j++) seen[cc[j]!] = 1;
        }
      }
      const codes: number[] = [];
      for (let c = 0; c < seen.length; c++) if (seen[c]) codes.push(c);
      codes.sort((x, y) => (col.dict[x]! < col.dict[y]! ? -1 : col.dict[x]! > col.dict[y]! ? 1 : 0));
      const map = new Int32Array(col.dict.length).fill(offset);
      codes.forEach((c, i) => { map[c] = offset + 1 + i; });
      const slots = col.kind === "token" ? 1 : Math.min(maxLen, opts.maxSeqLen);
      return { info: { name: col.name, kind: col.kind, offset, vocab: codes.length + 1, slots }, col, map, tokens: codes.map((c) => col.dict[c]!) };
    }
    case "float": {
      let s = 0, s2 = 0, k = 0;
      const vals = col.values;
      for (let i = 0; i < trainRows.length; i++) {
        const v = vals[trainRows[i]!]!;
        if (v === v) { s += v; s2 += v * v; k++; }
      }
      const mean = k > 0 ? s / k : 0;
      const variance = k > 1 ? Math.max(0, s2 / k - mean * mean) : 0;
      const std = variance > 0 ? Math.sqrt(variance) : 1;
      return { info: { name: col.name, kind: "float", offset, vocab: 1, slots: 1 }, col, mean, std };
    }
    case "float_seq":
      throw new Error(`internal: float_seq column '${col.name}' reached the encoder`);
  }
}

function encodeSplit(plans: FieldPlan[], S: number, rows: Int32Array, labels: Uint8Array, idx: Int32Array): EncodedSplit {
  const n = idx.length;
  const ids = new Int32Array(n * S);
  const weights = new Float32Array(n * S);
  const lab = new Float32Array(n);
  const src = new Int32Array(n);
  for (let i = 0; i < n; i++) { lab[i] = labels[idx[i]!]!; src[i] = rows[idx[i]!]!; }
  let so = 0;
  for (const p of plans) {
    const col = p.col, oov = p.info.offset;
    if (col.kind === "token") {
      const map = p.map!, cc = col.codes;
      for (let i = 0; i < n; i++) {
        const c = cc[src[i]!]!;
        const o = i * S + so;
        ids[o] = c < 0 ? oov : map[c]!;
        weights[o] = 1;
      }
    } else if (col.kind === "token_seq") {
      const map = p.map!, slots = p.info.slots, cc = col.codes, st = col.starts;
      for (let i = 0; i < n; i++) {
        const r = src[i]!;
        const a = st[r]!;
        const len = Math.min(st[r + 1]! - a, slots);
        const o = i * S + so;
        if (len === 0) {
          ids[o] = oov; weights[o] = 1;
          for (let k = 1; k < slots; k++) ids[o + k] = oov;
        } else {
          const w = 1 / len;
          for (let k = 0; k < len; k++) { ids[o + k] = map[cc[a + k]!]!; weights[o + k] = w; }
          for (let k = len; k < slots; k++) ids[o + k] = oov;
        }
      }
    } else if (col.kind === "float") {
      const mean = p.mean!, std = p.std!, vals = col.values;
      for (let i = 0; i < n; i++) {
        const v = vals[src[i]!]!;
        const o = i * S + so;
        ids[o] = oov;
        weights[o] = v === v ? (v - mean) / std : 0;
      }
    }
    so += p.info.slots;
  }
  return { n, ids, weights, labels: lab };
}

/** sha256 of the canonical layout: names, kinds, vocab sizes, slots, vocabularies, float scaling. */
function layoutDigest(plans: FieldPlan[]): string {
  const doc = {
    encoding: ENCODING_VERSION,
    fields: plans.map((p) => ({
      name: p.info.name,
      kind: p.info.kind,
      vocab: p.info.vocab,
      slots: p.info.slots,
      ...(p.tokens ? { tokens: p.tokens } : { mean: p.mean, std: p.std }),
    })),
  };
  return sha256(canonicalJson(doc));
}
