import { DataError, E } from "./errors.js";
import { createRng, type Rng } from "./rng.js";
import type { RawColumn } from "./table.js";

/**
 * Synthetic CTR data, the embedded default dataset (no download needed).
 *
 * Field f has vocab[f] tokens drawn with a Zipf(1) popularity. Each token has a bias and a
 * latent vector v (RANK dims, N(0,1)). The true logit is
 *   b0 + bias_scale * sum_f bias(x_f)
 *      + pair_scale   * sum over `pairs` planted field pairs (f,g)     <v(x_f), v(x_g)> / sqrt(RANK)
 *      + triple_scale * sum over `triples` planted field triples (f,g,h) sum_k v_k(x_f) v_k(x_g) v_k(x_h) / sqrt(RANK)
 * the label is Bernoulli(sigmoid(logit)), then flipped with probability `noise`.
 * Everything derives from `seed`: same options => same rows, on every platform.
 */
export interface SyntheticOptions {
  rows: number;
  fields: number;
  /** Tokens per field (one number for all fields, or one per field). */
  vocab: number[];
  seed: number;
  /** Label flip probability in [0, 0.5). */
  noise: number;
  /** Number of planted pairwise interactions. */
  pairs: number;
  /** Number of planted 3-way interactions. */
  triples: number;
}

const DEFAULT_VOCAB = [12, 24, 40, 60, 100, 150, 30, 80];
const RANK = 4;
const BIAS_SCALE = 0.35;
const PAIR_SCALE = 1.0;
const TRIPLE_SCALE = 1.0;

export function syntheticDefaults(fields = 8): SyntheticOptions {
  return {
    rows: 50000,
    fields,
    vocab: Array.from({ length: fields }, (_, i) => DEFAULT_VOCAB[i % DEFAULT_VOCAB.length]!),
    seed: 1,
    noise: 0.05,
    pairs: Math.min(fields, (fields * (fields - 1)) / 2),
    triples: fields >= 3 ? Math.min(3, (fields * (fields - 1) * (fields - 2)) / 6) : 0,
  };
}

/** Validate spec.options of a synthetic dataset and fill defaults. `where` names the pipeline/dataset for errors. */
export function syntheticOptions(raw: Record<string, unknown> | undefined, where: string): SyntheticOptions {
  const o = raw ?? {};
  const known = ["rows", "fields", "vocab", "seed", "noise", "pairs", "triples"];
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) bad(where, `unknown synthetic option '${k}'`, `known options: ${known.join(", ")}`);
  }
  const int = (k: string, lo: number, hi: number): number | undefined => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) bad(where, `synthetic option ${k} must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    return v as number;
  };
  const fields = int("fields", 2, 64) ?? 8;
  const d = syntheticDefaults(fields);
  const rows = int("rows", 10, 10_000_000) ?? d.rows;
  const seed = o.seed === undefined ? d.seed : o.seed;
  if (typeof seed !== "number" || !Number.isInteger(seed)) bad(where, `synthetic option seed must be an integer, got ${JSON.stringify(seed)}`);
  const maxPairs = (fields * (fields - 1)) / 2;
  const maxTriples = (fields * (fields - 1) * (fields - 2)) / 6;
  const pairs = int("pairs", 0, maxPairs) ?? d.pairs;
  const triples = int("triples", 0, maxTriples) ?? d.triples;
  let noise = d.noise;
  if (o.noise !== undefined) {
    if (typeof o.noise !== "number" || !(o.noise >= 0 && o.noise < 0.5)) bad(where, `synthetic option noise must be a number in [0, 0.5), got ${JSON.stringify(o.noise)}`);
    noise = o.noise as number;
  }
  let vocab = d.vocab;
  if (o.vocab !== undefined) {
    const okN = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= 1 && x <= 1_000_000;
    if (okN(o.vocab)) vocab = Array.from({ length: fields }, () => o.vocab as number);
    else if (Array.isArray(o.vocab) && o.vocab.length === fields && o.vocab.every(okN)) vocab = o.vocab as number[];
    else bad(where, `synthetic option vocab must be an integer in [1, 1000000] or a list of ${fields} of them, got ${JSON.stringify(o.vocab)}`);
  }
  return { rows, fields, vocab, seed: seed as number, noise, pairs, triples };
}

function bad(where: string, what: string, hint?: string): never {
  throw new DataError({ code: E.BAD_OPTION, file: where, what, ...(hint ? { hint } : {}) });
}

export interface SyntheticData {
  columns: RawColumn[];
  labels: Uint8Array;
  /** The true logit of each row (before label sampling and noise). */
  logit: Float64Array;
  /** The first-order part of the logit (b0 + token biases): what a logistic model can reach. */
  firstOrder: Float64Array;
  /** Planted interactions (field indices). */
  pairs: [number, number][];
  triples: [number, number, number][];
}

export function generateSynthetic(o: SyntheticOptions, file = "synthetic"): SyntheticData {
  const rng = createRng(`dagtune.synthetic:${o.seed}`);
  const F = o.fields, n = o.rows;
  // per-field token popularity (Zipf 1), biases, latent vectors
  const cdf: Float64Array[] = [], bias: Float64Array[] = [], vec: Float64Array[] = [];
  for (let f = 0; f < F; f++) {
    const V = o.vocab[f]!;
    const c = new Float64Array(V);
    let s = 0;
    for (let t = 0; t < V; t++) { s += 1 / (t + 1); c[t] = s; }
    for (let t = 0; t < V; t++) c[t]! /= s;
    cdf.push(c);
    const b = new Float64Array(V);
    for (let t = 0; t < V; t++) b[t] = rng.normal();
    bias.push(b);
    const v = new Float64Array(V * RANK);
    for (let i = 0; i < v.length; i++) v[i] = rng.normal();
    vec.push(v);
  }
  const pairs = pickDistinct(rng, F, 2, o.pairs) as [number, number][];
  const triples = pickDistinct(rng, F, 3, o.triples) as [number, number, number][];
  const codes = Array.from({ length: F }, () => new Int32Array(n));
  const logit = new Float64Array(n), firstOrder = new Float64Array(n);
  const labels = new Uint8Array(n);
  const inv = 1 / Math.sqrt(RANK);
  const b0 = 0.2;
  for (let i = 0; i < n; i++) {
    let fo = b0;
    for (let f = 0; f < F; f++) {
      const t = sampleCdf(cdf[f]!, rng.next());
      codes[f]![i] = t;
      fo += BIAS_SCALE * bias[f]![t]!;
    }
    let z = fo;
    for (const [f, g] of pairs) {
      const a = codes[f]![i]! * RANK, b = codes[g]![i]! * RANK, va = vec[f]!, vb = vec[g]!;
      let dot = 0;
      for (let k = 0; k < RANK; k++) dot += va[a + k]! * vb[b + k]!;
      z += PAIR_SCALE * inv * dot;
    }
    for (const [f, g, h] of triples) {
      const a = codes[f]![i]! * RANK, b = codes[g]![i]! * RANK, c = codes[h]![i]! * RANK;
      const va = vec[f]!, vb = vec[g]!, vc = vec[h]!;
      let dot = 0;
      for (let k = 0; k < RANK; k++) dot += va[a + k]! * vb[b + k]! * vc[c + k]!;
      z += TRIPLE_SCALE * inv * dot;
    }
    logit[i] = z;
    firstOrder[i] = fo;
    let y = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    if (rng.next() < o.noise) y = 1 - y;
    labels[i] = y;
  }
  const columns: RawColumn[] = codes.map((c, f) => ({
    kind: "token" as const,
    name: `f${f}`,
    file,
    dict: Array.from({ length: o.vocab[f]! }, (_, t) => String(t)),
    codes: c,
  }));
  return { columns, labels, logit, firstOrder, pairs, triples };
}

function sampleCdf(c: Float64Array, u: number): number {
  let lo = 0, hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! > u) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** `count` distinct sorted k-subsets of 0..F-1 (k = 2 or 3), drawn with rng. */
function pickDistinct(rng: Rng, F: number, k: number, count: number): number[][] {
  const all: number[][] = [];
  if (k === 2) for (let a = 0; a < F; a++) for (let b = a + 1; b < F; b++) all.push([a, b]);
  else for (let a = 0; a < F; a++) for (let b = a + 1; b < F; b++) for (let c = b + 1; c < F; c++) all.push([a, b, c]);
  for (let i = all.length - 1; i > 0; i--) { const j = rng.int(i + 1); const t = all[i]!; all[i] = all[j]!; all[j] = t; }
  return all.slice(0, count).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]! || (x[2] ?? 0) - (y[2] ?? 0));
}
