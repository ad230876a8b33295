/**
 * Parzen estimators for TPE (mixtures of truncated Gaussians / categorical kernels),
 * following Optuna 3.1's _ParzenEstimator: one kernel per observation plus a prior
 * kernel, Optuna's bandwidth rules (univariate: distance to neighbours; multivariate:
 * Scott-style 0.2 n^(-1/(d+4))), magic clip, discrete mass for stepped dims.
 * Works in the "internal" coordinates of each dimension (see tpe.ts encode()).
 */
import { LOG_SQRT_2PI, logGaussMass, truncNormalSample } from "./normal.js";
import type { Rng } from "./rng.js";

/** Internal description of a dimension. */
export type Enc =
  | { kind: "num"; lo: number; hi: number; /** grid spacing for stepped dims, else null */ q: number | null }
  | { kind: "cat"; n: number };

export interface ParzenConfig {
  multivariate: boolean;
  priorWeight: number;
  magicClip: boolean;
  considerEndpoints: boolean;
  /**
   * Optuna 3.1's truncnorm.logpdf leaves out the -log(sigma) term of continuous kernels
   * (each kernel is weighted by its bandwidth). true reproduces that behaviour.
   */
  optunaDensity?: boolean;
  /**
   * Bandwidth of joint (multivariate) kernels: "scott" = Optuna's 0.2 n^(-1/(d+4)) of the
   * range; "neighbor" = Optuna's univariate rule (distance to sorted neighbours) per dimension.
   */
  bandwidth?: "scott" | "neighbor";
}

/** Optuna's default_weights: flat for < 25 observations, else a ramp for the oldest. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

/**
 * Optuna's univariate bandwidth: each kernel's sigma is the larger distance to its sorted
 * neighbours (the bounds act as neighbours; without consider_endpoints the extreme kernels
 * use their inner gap only). Equal mus (common for int dims) share one sigma: the larger gap
 * around their group (Optuna leaves ties to its sort order).
 */
function neighbourSigmas(mus: Float64Array, lo: number, hi: number, considerEndpoints: boolean, out: Float64Array): void {
  const size = mus.length;
  // ext = [lo, sorted mus..., hi]
  const ext = new Float64Array(size + 2);
  ext.set(mus, 1);
  ext[0] = -Infinity;
  ext[size + 1] = Infinity;
  ext.sort();
  ext[0] = lo;
  ext[size + 1] = hi;
  const bySorted = new Float64Array(size);
  for (let t = 0; t < size; t++) {
    const left = ext[t + 1]! - ext[t]!;
    const right = ext[t + 2]! - ext[t + 1]!;
    bySorted[t] = left > right ? left : right;
  }
  if (!considerEndpoints && size >= 2) {
    bySorted[0] = ext[2]! - ext[1]!;
    bySorted[size - 1] = ext[size]! - ext[size - 1]!;
  }
  // one sigma per group of equal values, stored at the group's first position
  for (let t = 0; t < size; ) {
    let e = t;
    let m = bySorted[t]!;
    while (e + 1 < size && ext[e + 2] === ext[t + 1]) {
      e++;
      if (bySorted[e]! > m) m = bySorted[e]!;
    }
    bySorted[t] = m;
    t = e + 1;
  }
  for (let j = 0; j < size; j++) {
    const v = mus[j]!;
    let l = 0, r = size - 1;
    while (l < r) {
      const mid = (l + r) >> 1;
      if (ext[mid + 1]! < v) l = mid + 1;
      else r = mid;
    }
    out[j] = bySorted[l]!;
  }
}

interface NumKernel {
  kind: "num";
  lo: number;
  hi: number;
  q: number | null;
  mus: Float64Array;
  sigmas: Float64Array;
  invSigmas: Float64Array;
  /** -log sigma - log sqrt(2 pi) - log Z (continuous) or -log Z (discrete) */
  consts: Float64Array;
}
interface CatKernel {
  kind: "cat";
  n: number;
  /** probs[j * n + k] */
  probs: Float64Array;
  logProbs: Float64Array;
}
type Kernel = NumKernel | CatKernel;

export class Parzen {
  readonly size: number;
  private readonly weights: Float64Array;
  private readonly logWeights: Float64Array;
  private readonly kernels: Kernel[];

  /**
   * @param obs observations in chronological order, obs[i][d] internal value of dim d
   */
  constructor(encs: readonly Enc[], obs: readonly (readonly number[])[], cfg: ParzenConfig) {
    const n = obs.length;
    const size = n + 1; // observations + prior (always considered)
    this.size = size;
    const w = defaultWeights(n);
    const weights = new Float64Array(size);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i] = w[i]!;
    sum += weights[n] = cfg.priorWeight;
    this.weights = weights.map((x) => x / sum);
    this.logWeights = this.weights.map((x) => Math.log(x));
    const sigma0 = cfg.multivariate ? 0.2 * Math.pow(Math.max(n, 1), -1 / (encs.length + 4)) : 0;

    this.kernels = encs.map((enc, d): Kernel => {
      if (enc.kind === "cat") {
        const k = enc.n;
        const probs = new Float64Array(size * k);
        const base = cfg.priorWeight / size;
        for (let j = 0; j < size; j++) {
          let rowSum = 0;
          for (let c = 0; c < k; c++) rowSum += probs[j * k + c] = base;
          if (j < n) {
            probs[j * k + obs[j]![d]!] += 1;
            rowSum += 1;
          }
          for (let c = 0; c < k; c++) probs[j * k + c]! /= rowSum;
        }
        return { kind: "cat", n: k, probs, logProbs: probs.map((p) => Math.log(p)) };
      }
      const { lo, hi, q } = enc;
      const range = hi - lo;
      const mus = new Float64Array(size);
      for (let j = 0; j < n; j++) mus[j] = obs[j]![d]!;
      mus[n] = 0.5 * (lo + hi);
      const sigmas = new Float64Array(size);
      if (cfg.multivariate && (cfg.bandwidth ?? "scott") === "scott") {
        sigmas.fill(sigma0 * range);
      } else {
        neighbourSigmas(mus, lo, hi, cfg.considerEndpoints, sigmas);
      }
      const maxSigma = range;
      const minSigma = cfg.magicClip ? range / Math.min(100, 1 + size) : 1e-12;
      for (let j = 0; j < size; j++) sigmas[j] = Math.min(maxSigma, Math.max(minSigma, sigmas[j]!));
      sigmas[n] = range; // prior kernel
      const invSigmas = sigmas.map((s) => 1 / s);
      const consts = new Float64Array(size);
      for (let j = 0; j < size; j++) {
        const logZ = logGaussMass((lo - mus[j]!) * invSigmas[j]!, (hi - mus[j]!) * invSigmas[j]!);
        consts[j] = q === null ? (cfg.optunaDensity ? 0 : -Math.log(sigmas[j]!)) - LOG_SQRT_2PI - logZ : -logZ;
      }
      return { kind: "num", lo, hi, q, mus, sigmas, invSigmas, consts };
    });
  }

  /** Draw `count` points (internal coordinates, not yet snapped). */
  sample(rng: Rng, count: number): number[][] {
    const out: number[][] = [];
    for (let c = 0; c < count; c++) {
      // pick a mixture component
      const u = rng.next();
      let j = 0;
      let acc = this.weights[0]!;
      while (u >= acc && j < this.size - 1) acc += this.weights[++j]!;
      const point: number[] = [];
      for (const k of this.kernels) {
        if (k.kind === "cat") {
          const v = rng.next();
          let cum = 0;
          let choice = k.n - 1;
          for (let t = 0; t < k.n; t++) {
            cum += k.probs[j * k.n + t]!;
            if (v < cum) {
              choice = t;
              break;
            }
          }
          point.push(choice);
        } else {
          point.push(truncNormalSample(k.mus[j]!, k.sigmas[j]!, k.lo, k.hi, rng.next()));
        }
      }
      out.push(point);
    }
    return out;
  }

  /** log density (log mass for discrete dims) of one point in internal coordinates. */
  logPdf(x: readonly number[]): number {
    return this.logPdfMany([x])[0]!;
  }

  /**
   * log densities of many points. Per-component terms of discrete and categorical
   * dimensions are computed once per distinct value.
   */
  logPdfMany(points: readonly (readonly number[])[]): number[] {
    const size = this.size;
    const m = points.length;
    const only = this.kernels.length === 1 ? this.kernels[0]! : null;
    if (only && only.kind === "cat") {
      // a mixture of categorical kernels is one categorical distribution
      const mix = new Float64Array(only.n);
      for (let j = 0; j < size; j++) {
        const w = this.weights[j]!;
        for (let c = 0; c < only.n; c++) mix[c]! += w * only.probs[j * only.n + c]!;
      }
      return points.map((p) => Math.log(mix[p[0]!]!));
    }
    const acc = new Float64Array(m * size);
    for (let c = 0; c < m; c++) acc.set(this.logWeights, c * size);
    for (let d = 0; d < this.kernels.length; d++) {
      const k = this.kernels[d]!;
      if (k.kind === "num" && k.q === null) {
        const { mus, invSigmas, consts } = k;
        for (let c = 0; c < m; c++) {
          const xd = points[c]![d]!;
          const off = c * size;
          for (let j = 0; j < size; j++) {
            const z = (xd - mus[j]!) * invSigmas[j]!;
            acc[off + j]! += consts[j]! - 0.5 * z * z;
          }
        }
        continue;
      }
      const columns = new Map<number, Float64Array>();
      for (let c = 0; c < m; c++) {
        const xd = points[c]![d]!;
        let col = columns.get(xd);
        if (!col) {
          col = new Float64Array(size);
          if (k.kind === "cat") {
            for (let j = 0; j < size; j++) col[j] = k.logProbs[j * k.n + xd]!;
          } else {
            const lower = Math.max(xd - 0.5 * k.q!, k.lo);
            const upper = Math.min(xd + 0.5 * k.q!, k.hi);
            const { mus, invSigmas, consts } = k;
            for (let j = 0; j < size; j++) {
              col[j] = consts[j]! + logGaussMass((lower - mus[j]!) * invSigmas[j]!, (upper - mus[j]!) * invSigmas[j]!);
            }
          }
          columns.set(xd, col);
        }
        const off = c * size;
        for (let j = 0; j < size; j++) acc[off + j]! += col[j]!;
      }
    }
    const out: number[] = [];
    for (let c = 0; c < m; c++) {
      const off = c * size;
      let max = -Infinity;
      for (let j = 0; j < size; j++) if (acc[off + j]! > max) max = acc[off + j]!;
      if (max === -Infinity) {
        out.push(-Infinity);
        continue;
      }
      let s = 0;
      for (let j = 0; j < size; j++) {
        const e = acc[off + j]! - max;
        if (e > -40) s += Math.exp(e); // smaller terms change the sum by < 1e-17 relative
      }
      out.push(max + Math.log(s));
    }
    return out;
  }
}
