/** Binary classification metrics with scikit-learn's definitions (y ∈ {0,1}, p = P(y=1)). */
type Num = ArrayLike<number>;

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function binaryConfusion(y: Num, p: Num, threshold = 0.5): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const pred = p[i] >= threshold;
    if (y[i] === 1) {
      if (pred) c.tp++;
      else c.fn++;
    } else if (pred) c.fp++;
    else c.tn++;
  }
  return c;
}

// scikit-learn returns 0 (with a warning) where a ratio is 0/0
const safeDiv = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function accuracyAt(y: Num, p: Num, threshold = 0.5): number {
  const c = binaryConfusion(y, p, threshold);
  return (c.tp + c.tn) / y.length;
}
export function precisionAt(y: Num, p: Num, threshold = 0.5): number {
  const c = binaryConfusion(y, p, threshold);
  return safeDiv(c.tp, c.tp + c.fp);
}
export function recallAt(y: Num, p: Num, threshold = 0.5): number {
  const c = binaryConfusion(y, p, threshold);
  return safeDiv(c.tp, c.tp + c.fn);
}
export function f1At(y: Num, p: Num, threshold = 0.5): number {
  const c = binaryConfusion(y, p, threshold);
  return safeDiv(2 * c.tp, 2 * c.tp + c.fp + c.fn);
}

/** ROC AUC as the Mann–Whitney statistic with mid-ranks for ties (equal to the trapezoidal ROC area). */
export function rocAuc(y: Num, p: Num): number {
  const n = y.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        rankSumPos += midRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Mean negative log-likelihood; probabilities clipped to [eps, 1-eps] as scikit-learn does. */
export function binaryLogLoss(y: Num, p: Num, eps = 1e-15): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], eps), 1 - eps);
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

export function brier(y: Num, p: Num): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

/** Distinct-threshold operating points, highest score first: cumulative true and false positives. */
function operatingPoints(y: Num, p: Num): { tps: number[]; fps: number[]; thresholds: number[] } {
  // a typed index array sorts several times faster than an Array of boxed numbers at 10⁶ rows
  const order = new Int32Array(y.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => p[b] - p[a]);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (y[order[i]] === 1) tp++;
    else fp++;
    if (i === order.length - 1 || p[order[i + 1]] !== p[order[i]]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(p[order[i]]);
    }
  }
  return { tps, fps, thresholds };
}

/** ROC AUC and average precision from one sort of the scores (what a full report needs). */
export function rankingSummary(y: Num, p: Num): { rocAuc: number; averagePrecision: number } {
  const pts = operatingPoints(y, p);
  return { rocAuc: aucFromPoints(pts), averagePrecision: apFromPoints(pts) };
}

/** Trapezoidal area under the ROC points; equal to the Mann–Whitney statistic with mid-ranks. */
function aucFromPoints({ tps, fps }: { tps: number[]; fps: number[] }): number {
  const pos = tps[tps.length - 1];
  const neg = fps[fps.length - 1];
  if (!pos || !neg) return NaN;
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let i = 0; i < tps.length; i++) {
    area += (fps[i] - prevFp) * (tps[i] + prevTp);
    prevTp = tps[i];
    prevFp = fps[i];
  }
  return area / (2 * pos * neg);
}

/** Average precision as scikit-learn: Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds (no interpolation). */
export function averagePrecision(y: Num, p: Num): number {
  return apFromPoints(operatingPoints(y, p));
}

function apFromPoints({ tps, fps }: { tps: number[]; fps: number[] }): number {
  const pos = tps[tps.length - 1];
  if (!pos) return NaN;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < tps.length; i++) {
    const recall = tps[i] / pos;
    ap += (recall - prevRecall) * (tps[i] / (tps[i] + fps[i]));
    prevRecall = recall;
  }
  return ap;
}

export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

/** ROC curve (x = FPR, y = TPR) from (0,0) through every distinct threshold. */
export function rocCurve(y: Num, p: Num): CurvePoint[] {
  const { tps, fps, thresholds } = operatingPoints(y, p);
  const pos = tps[tps.length - 1] || 1;
  const neg = fps[fps.length - 1] || 1;
  return [{ x: 0, y: 0, threshold: Infinity }, ...tps.map((tp, i) => ({ x: fps[i] / neg, y: tp / pos, threshold: thresholds[i] }))];
}

/** Precision–recall curve (x = recall, y = precision), highest threshold first. */
export function prCurve(y: Num, p: Num): CurvePoint[] {
  const { tps, fps, thresholds } = operatingPoints(y, p);
  const pos = tps[tps.length - 1] || 1;
  return [{ x: 0, y: 1, threshold: Infinity }, ...tps.map((tp, i) => ({ x: tp / pos, y: tp / (tp + fps[i]), threshold: thresholds[i] }))];
}
