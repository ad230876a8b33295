/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), modelled on Optuna 3.1's
 * TPESampler defaults: 10 random startup trials, gamma(n) = min(ceil(0.1 n), 25) good
 * trials, 24 candidates drawn from l(x) scored by log l(x) - log g(x), magic clip, no
 * endpoints, Optuna's weights for old trials, Optuna 3.1's kernel density.
 * Chosen on bench/samplers (see docs/search.md): numeric dimensions modelled jointly with
 * per-dimension neighbour bandwidths, choice dimensions one at a time, prior weight 0.5.
 *
 * Determinism: trial i's params depend only on (seed, i) and on the finished trials
 * with index < requires(i):
 *   - i < nStartup: random (same params as the random sampler with this seed), requires 0;
 *   - then batches of `batch` trials: trial i requires every trial before its batch start
 *     s = nStartup + floor((i - nStartup) / batch) * batch.
 * Trial i draws its candidates from its own stream Rng(seedFor(seed, "tpe", i)).
 * With `liar` on, trial i also knows the (deterministic) proposals of s..i-1 in its own
 * batch and counts them as bad trials, which spreads a batch out.
 *
 * Failed trials (value null or NaN) count as bad: they join g(x), never l(x), so TPE
 * steers away from regions where trials fail.
 */
import type { Dimension, Goal, Params, Space } from "./space.js";
import type { FinishedTrial, Sampler } from "./sampler.js";
import { Rng } from "./rng.js";
import { seedFor } from "./seed.js";
import { choiceIndex, inDimension, intCount, intValue, snapInt } from "./dimension.js";
import { randomParams } from "./random.js";
import { Parzen, type Enc, type ParzenConfig } from "./parzen.js";

export interface TpeOptions {
  /** Random trials before the model is used (Optuna: 10). */
  nStartup: number;
  /** Candidates drawn from l(x) per suggestion (Optuna: 24). */
  nCandidates: number;
  /** Number of "good" trials out of n finished (Optuna: min(ceil(0.1 n), 25)). */
  gamma: (n: number) => number;
  priorWeight: number;
  magicClip: boolean;
  considerEndpoints: boolean;
  /** Joint (multivariate) Parzen estimator instead of one per dimension. */
  multivariate: boolean;
  /** Trials proposed from the same history (parallelism after startup). */
  batch: number;
  /** Reproduce Optuna 3.1's continuous kernel density (no -log sigma term); see parzen.ts. */
  optunaDensity: boolean | "good" | "bad";
  /** Bandwidth rule of joint kernels (see parzen.ts). */
  bandwidth: "scott" | "neighbor";
  /** With multivariate: model choice dimensions one at a time (numeric ones jointly). */
  independentChoices: boolean;
  /** Count earlier proposals of the same batch as bad trials (constant liar). */
  liar: boolean;
}

export const optunaGamma = (n: number): number => Math.min(Math.ceil(0.1 * n), 25);

export const DEFAULT_TPE: TpeOptions = {
  nStartup: 10,
  nCandidates: 24,
  gamma: optunaGamma,
  priorWeight: 0.5,
  magicClip: true,
  considerEndpoints: false,
  multivariate: true,
  batch: 4,
  liar: true,
  optunaDensity: true,
  bandwidth: "neighbor",
  independentChoices: true,
};

function encodingOf(dim: Dimension): Enc {
  switch (dim.kind) {
    case "choice":
      return { kind: "cat", n: dim.values.length };
    case "uniform":
      return { kind: "num", lo: dim.low, hi: dim.high, q: null };
    case "loguniform":
      return { kind: "num", lo: Math.log(dim.low), hi: Math.log(dim.high), q: null };
    case "int": {
      const last = intValue(dim, intCount(dim) - 1);
      if (dim.log) return { kind: "num", lo: Math.log(dim.low - 0.5), hi: Math.log(last + 0.5), q: null };
      const step = dim.step ?? 1;
      return { kind: "num", lo: dim.low - 0.5 * step, hi: last + 0.5 * step, q: step };
    }
  }
}

/** External value -> internal coordinate; null when the value is not in the dimension. */
function encode(dim: Dimension, v: unknown): number | null {
  if (!inDimension(dim, v)) return null;
  switch (dim.kind) {
    case "choice":
      return choiceIndex(dim.values, v);
    case "uniform":
      return v as number;
    case "loguniform":
      return Math.log(v as number);
    case "int":
      return dim.log ? Math.log(v as number) : (v as number);
  }
}

/** Internal coordinate -> external value (snapped and clamped into the dimension). */
function decode(dim: Dimension, x: number): Params[string] {
  switch (dim.kind) {
    case "choice":
      return dim.values[x]!;
    case "uniform":
      return x < dim.low ? dim.low : x > dim.high ? dim.high : x;
    case "loguniform": {
      const v = Math.exp(x);
      return v < dim.low ? dim.low : v > dim.high ? dim.high : v;
    }
    case "int":
      return snapInt(dim, dim.log ? Math.exp(x) : x);
  }
}

/** Cheap digest of encoded rows (indices, losses, coordinates) used to validate the batch memo. */
function historyDigest(rows: readonly Row[]): string {
  const buf = new Float64Array(1);
  const words = new Uint32Array(buf.buffer);
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  const mix = (v: number): void => {
    buf[0] = v;
    h1 = Math.imul(h1 ^ words[0]!, 0x01000193);
    h2 = Math.imul(h2 ^ words[1]!, 0x85ebca6b) ^ (h1 >>> 13);
  };
  for (const r of rows) {
    mix(r.index);
    mix(r.loss);
    for (const v of r.x) mix(v);
  }
  return `${rows.length}:${h1 >>> 0}:${h2 >>> 0}`;
}

/** The k best successful rows by (loss, index) — a partial selection, k is small (<= 25 by default). */
function bestRows(rows: readonly Row[], k: number): Row[] {
  const top: Row[] = [];
  if (k <= 0) return top;
  const worse = (a: Row, b: Row): boolean => a.loss > b.loss || (a.loss === b.loss && a.index > b.index);
  for (const r of rows) {
    if (r.failed) continue;
    if (top.length === k && !worse(top[k - 1]!, r)) continue;
    let i = top.length === k ? k - 1 : top.length;
    if (top.length < k) top.push(r);
    while (i > 0 && worse(top[i - 1]!, r)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = r;
  }
  return top;
}

interface Row {
  index: number;
  x: number[];
  /** loss to minimise; Infinity for failed trials */
  loss: number;
  failed: boolean;
}

export class TpeSampler implements Sampler {
  readonly kind = "tpe" as const;
  readonly options: TpeOptions;
  private readonly encs: Enc[];
  private readonly numDims: number[];
  private readonly catDims: number[];
  private readonly parzenCfg: ParzenConfig;
  private memo: { key: string; proposals: Map<number, number[]> } | null = null;

  constructor(
    private readonly space: Space,
    private readonly seed: number,
    private readonly goal: Goal,
    private readonly trials: number,
    options: Partial<TpeOptions> = {},
  ) {
    this.options = { ...DEFAULT_TPE, ...options };
    const { nStartup, batch, nCandidates } = this.options;
    if (!Number.isInteger(nStartup) || nStartup < 1) throw new RangeError(`tpe: nStartup must be an integer >= 1`);
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`tpe: batch must be an integer >= 1`);
    if (!Number.isInteger(nCandidates) || nCandidates < 1) throw new RangeError(`tpe: nCandidates must be an integer >= 1`);
    this.encs = space.map((e) => encodingOf(e.dim));
    this.numDims = this.encs.flatMap((e, d) => (e.kind === "num" ? [d] : []));
    this.catDims = this.encs.flatMap((e, d) => (e.kind === "cat" ? [d] : []));
    this.parzenCfg = {
      multivariate: this.options.multivariate,
      priorWeight: this.options.priorWeight,
      magicClip: this.options.magicClip,
      considerEndpoints: this.options.considerEndpoints,
      bandwidth: this.options.bandwidth,
    };
  }

  total(): number {
    return this.trials;
  }

  requires(index: number): number {
    const { nStartup, batch } = this.options;
    if (index < nStartup) return 0;
    return nStartup + Math.floor((index - nStartup) / batch) * batch;
  }

  propose(index: number, history: readonly FinishedTrial[]): Params {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`tpe: bad trial index ${index}`);
    if (index < this.options.nStartup) return randomParams(this.space, this.seed, index);
    const start = this.requires(index);
    const rows = this.rows(history, start);
    // Proposals of start..index are pure functions of the same rows: compute them once per batch.
    const key = `${start}|${historyDigest(rows)}`;
    if (this.memo?.key !== key) this.memo = { key, proposals: new Map() };
    const proposals = this.memo.proposals;
    let x = proposals.get(index);
    if (!x) {
      if (!this.options.liar) {
        x = this.suggest(index, rows);
      } else {
        // constant liar: earlier proposals of this batch count as bad trials
        const withLiars = rows.slice();
        for (let j = start; j < index; j++) {
          let xj = proposals.get(j);
          if (!xj) {
            xj = this.suggest(j, withLiars);
            proposals.set(j, xj);
          }
          withLiars.push({ index: j, x: xj, loss: Infinity, failed: true });
        }
        x = this.suggest(index, withLiars);
      }
      proposals.set(index, x);
    }
    const params: Params = {};
    this.space.forEach(({ name, dim }, d) => (params[name] = decode(dim, x[d]!)));
    return params;
  }

  /** Finished trials below `start`, in index order, encoded; trials whose params do not fit the space are skipped. */
  private rows(history: readonly FinishedTrial[], start: number): Row[] {
    const sign = this.goal === "minimize" ? 1 : -1;
    const rows: Row[] = [];
    for (const t of history) {
      if (!(t.index < start)) continue;
      const x: number[] = [];
      let ok = true;
      for (const { name, dim } of this.space) {
        const v = encode(dim, t.params[name]);
        if (v === null) {
          ok = false;
          break;
        }
        x.push(v);
      }
      if (!ok) continue;
      const failed = t.value === null || Number.isNaN(t.value);
      rows.push({ index: t.index, x, loss: failed ? Infinity : sign * (t.value as number), failed });
    }
    rows.sort((a, b) => a.index - b.index);
    return rows;
  }

  /** One TPE suggestion in internal coordinates. */
  private suggest(index: number, rows: readonly Row[]): number[] {
    const rng = new Rng(seedFor(this.seed, "tpe", index));
    const belowSet = new Set(bestRows(rows, this.options.gamma(rows.length)));
    const below = rows.filter((r) => belowSet.has(r)); // chronological order
    const above = rows.filter((r) => !belowSet.has(r));
    const D = this.space.length;
    if (this.options.multivariate) {
      const joint = this.options.independentChoices ? this.numDims : Array.from({ length: D }, (_, d) => d);
      const out = new Array<number>(D);
      if (joint.length > 0) {
        const sel = (x: number[]) => joint.map((d) => x[d]!);
        const xs = this.pick(rng, joint.map((d) => this.encs[d]!), below.map((r) => sel(r.x)), above.map((r) => sel(r.x)), (k) => joint[k]!);
        joint.forEach((d, k) => (out[d] = xs[k]!));
      }
      if (this.options.independentChoices) {
        for (const d of this.catDims) {
          const [xd] = this.pick(rng, [this.encs[d]!], below.map((r) => [r.x[d]!]), above.map((r) => [r.x[d]!]), () => d);
          out[d] = xd!;
        }
      }
      return out;
    }
    const out: number[] = [];
    for (let d = 0; d < D; d++) {
      const [xd] = this.pick(rng, [this.encs[d]!], below.map((r) => [r.x[d]!]), above.map((r) => [r.x[d]!]), () => d);
      out.push(xd!);
    }
    return out;
  }

  /** Sample candidates from l, return the one maximising log l - log g (snapped to its dimension). */
  private pick(
    rng: Rng,
    encs: Enc[],
    below: number[][],
    above: number[][],
    dimOf: (local: number) => number,
  ): number[] {
    const od = this.options.optunaDensity;
    const l = new Parzen(encs, below, { ...this.parzenCfg, optunaDensity: od === true || od === "good" });
    const g = new Parzen(encs, above, { ...this.parzenCfg, optunaDensity: od === true || od === "bad" });
    // snap to the dimension's values (as Optuna does) and score the snapped points
    const cands = l.sample(rng, this.options.nCandidates).map((raw) =>
      raw.map((v, k) => {
        const dim = this.space[dimOf(k)]!.dim;
        return encode(dim, decode(dim, v)) ?? v;
      }),
    );
    const ll = l.logPdfMany(cands);
    const lg = g.logPdfMany(cands);
    let best = cands[0]!;
    let bestScore = -Infinity;
    for (let c = 0; c < cands.length; c++) {
      const score = ll[c]! - lg[c]!;
      if (score > bestScore) {
        best = cands[c]!;
        bestScore = score;
      }
    }
    return best;
  }
}
