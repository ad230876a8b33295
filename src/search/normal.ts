/**
 * Standard normal helpers for the Parzen estimators: log CDF without underflow,
 * inverse CDF, log probability mass of an interval, truncated-normal sampling.
 */

const LOG_HALF = Math.log(0.5);
const SQRT1_2 = Math.SQRT1_2;
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log(erfc(z)) for z >= 0 (Numerical Recipes' erfcc Chebyshev fit, relative error
 * < 1.2e-7 everywhere). Computed in log form, so it never underflows.
 */
function logErfcNonNeg(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - z * z + poly;
}

function erfcNonNeg(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly - z * z);
}

/** erfc(x) for any x. */
export function erfc(x: number): number {
  if (x >= 0) return erfcNonNeg(x);
  return 2 - erfcNonNeg(-x);
}

/** Standard normal CDF. */
export function ndtr(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** log of the standard normal CDF, accurate far into the lower tail. */
export function logNdtr(x: number): number {
  const z = -x * SQRT1_2;
  if (z >= 0) return LOG_HALF + logErfcNonNeg(z);
  return Math.log1p(-0.5 * Math.exp(logErfcNonNeg(-z)));
}

/** log(exp(a) - exp(b)) for a >= b. */
function logDiff(a: number, b: number): number {
  if (b === -Infinity) return a;
  return a + Math.log1p(-Math.exp(b - a));
}

/** log(Phi(b) - Phi(a)) for a < b, stable in both tails. */
export function logGaussMass(a: number, b: number): number {
  if (a < -8.5 && b > 8.5) return 0; // mass differs from 1 by < 1e-16
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a >= 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error ~1e-9). */
export function ndtri(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -(((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r - 3.066479806614716e1) * r + 2.506628277459239) * q /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r - 1.328068155288572e1) * r + 1);
}

/**
 * Sample a normal(mu, sigma) truncated to [low, high] by inverting the CDF with
 * one uniform draw u in [0, 1). Requires low <= mu <= high (always true for TPE kernels).
 */
export function truncNormalSample(mu: number, sigma: number, low: number, high: number, u: number): number {
  const a = (low - mu) / sigma;
  const b = (high - mu) / sigma;
  // Work in the lower half for precision: mirror when the mass sits mostly above 0.
  let z: number;
  if (a + b <= 0) {
    const pa = ndtr(a), pb = ndtr(b);
    z = ndtri(pa + u * (pb - pa));
  } else {
    const pa = ndtr(-b), pb = ndtr(-a);
    z = -ndtri(pa + u * (pb - pa));
  }
  if (!(z >= a)) z = a;
  if (z > b) z = b;
  const x = mu + sigma * z;
  return x < low ? low : x > high ? high : x;
}
