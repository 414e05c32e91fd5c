type Num = ArrayLike<number>;

/** Fraction of predictions within one rank of the truth. */
export function adjacentAccuracy(y: Num, pred: Num): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (Math.abs(y[i] - pred[i]) <= 1) ok++;
  return ok / y.length;
}

/** Cohen's kappa with none / linear / quadratic weights over k ordered classes (scikit-learn's cohen_kappa_score). */
export function weightedKappa(y: Num, pred: Num, k: number, weights: 'none' | 'linear' | 'quadratic'): number {
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rowSum = new Array<number>(k).fill(0);
  const colSum = new Array<number>(k).fill(0);
  const n = y.length;
  for (let i = 0; i < n; i++) {
    o[y[i]][pred[i]]++;
    rowSum[y[i]]++;
    colSum[pred[i]]++;
  }
  let num = 0;
  let den = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const w = weights === 'none' ? (a === b ? 0 : 1) : weights === 'linear' ? Math.abs(a - b) : (a - b) ** 2;
      num += w * o[a][b];
      den += (w * rowSum[a] * colSum[b]) / n;
    }
  }
  return den === 0 ? 0 : 1 - num / den;
}

/**
 * Ranked probability score: mean over rows of Σ_k (F_pred(k) − F_obs(k))² / (K − 1), the Brier
 * score of the cumulative distribution. It charges probability put far from the true grade more
 * than probability put next to it (0 is perfect).
 */
export function rankedProbabilityScore(y: Num, probs: Num, k: number): number {
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    let cum = 0;
    let s = 0;
    for (let c = 0; c < k - 1; c++) {
      cum += probs[i * k + c];
      const obs = y[i] <= c ? 1 : 0;
      s += (cum - obs) ** 2;
    }
    total += s / (k - 1);
  }
  return total / y.length;
}
