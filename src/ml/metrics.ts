/** Exact evaluation metrics (computed in float64 in JS, not in TF.js). */

/**
 * ROC AUC, exact and tie-aware: the Mann-Whitney statistic with average ranks for tied scores
 * (a tied positive/negative pair counts 1/2). NaN when one class is absent.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`auc: ${n} scores but ${labels.length} labels`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const sorted = Array.from(order).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[sorted[j + 1]!] === scores[sorted[i]!]) j++;
    const avgRank = (i + j + 2) / 2; // ranks are 1-based: i+1 .. j+1
    for (let k = i; k <= j; k++) {
      if (labels[sorted[k]!]! > 0.5) {
        pos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export const LOGLOSS_EPS = 1e-15;

/** Mean binary log loss of probabilities clipped to [eps, 1 - eps]. */
export function logloss(probs: ArrayLike<number>, labels: ArrayLike<number>, eps = LOGLOSS_EPS): number {
  const n = probs.length;
  if (labels.length !== n) throw new Error(`logloss: ${n} predictions but ${labels.length} labels`);
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probs[i]!, eps), 1 - eps);
    s += labels[i]! > 0.5 ? -Math.log(p) : -Math.log(1 - p);
  }
  return s / n;
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Probabilities from logits (float64). */
export function probsFromLogits(logits: ArrayLike<number>): Float64Array {
  const p = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) p[i] = sigmoid(logits[i]!);
  return p;
}

/** auc + logloss of one split, keyed `${prefix}.auc`, `${prefix}.logloss`. */
export function splitMetrics(prefix: string, logits: ArrayLike<number>, labels: ArrayLike<number>): Record<string, number> {
  return { [`${prefix}.auc`]: auc(logits, labels), [`${prefix}.logloss`]: logloss(probsFromLogits(logits), labels) };
}
