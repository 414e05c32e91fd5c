import { binaryConfusion, type Confusion } from './binary';

/** Binary decisions at a chosen threshold: P(positive) ≥ threshold is called positive. */
type Num = ArrayLike<number>;

export const DEFAULT_THRESHOLD = 0.5;

/** A stored threshold, or the default when absent or not a probability (old runs, bad input). */
export function decisionThreshold(t: unknown): number {
  return typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 1 ? t : DEFAULT_THRESHOLD;
}

export interface ThresholdMetrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** false-positive rate: the ROC point's x (recall is its y) */
  fpr: number;
  confusion: Confusion;
}

// scikit-learn answers 0 (zero_division=0) where a ratio is 0/0
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Precision, recall, F1, accuracy and the confusion counts at one threshold, from one pass. */
export function metricsAtThreshold(y: Num, p: Num, threshold: number): ThresholdMetrics {
  const c = binaryConfusion(y, p, threshold);
  return {
    threshold,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    accuracy: y.length ? (c.tp + c.tn) / y.length : NaN,
    fpr: ratio(c.fp, c.fp + c.tn),
    confusion: c,
  };
}

/** The confusion matrix as scikit-learn lays it out: rows true [0, 1], columns predicted [0, 1]. */
export function confusionRows(c: Confusion): number[][] {
  return [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
}

export interface PrecisionRecallCurve {
  precision: Float64Array;
  recall: Float64Array;
  /** increasing; precision[i], recall[i] hold at thresholds[i]; the last point is (recall 0, precision 1) with no threshold */
  thresholds: Float64Array;
}

/**
 * scikit-learn's precision_recall_curve: one point per distinct score, thresholds increasing,
 * then the (precision 1, recall 0) end point. Linear after one sort of an index array.
 */
export function precisionRecallCurve(y: Num, p: Num): PrecisionRecallCurve {
  const n = y.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => p[b] - p[a]);
  // distinct thresholds, highest first, with cumulative counts
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  const ths = new Float64Array(n);
  let m = 0;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    if (y[order[i]] === 1) tp++;
    else fp++;
    if (i === n - 1 || p[order[i + 1]] !== p[order[i]]) {
      tps[m] = tp;
      fps[m] = fp;
      ths[m] = p[order[i]];
      m++;
    }
  }
  const pos = m ? tps[m - 1] : 0;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const k = m - 1 - j;
    precision[j] = ratio(tps[k], tps[k] + fps[k]);
    // scikit-learn: recall is 1 everywhere when there is no positive row
    recall[j] = pos === 0 ? 1 : tps[k] / pos;
    thresholds[j] = ths[k];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/** The threshold that maximises F1 on these rows (ties: the highest threshold), or null with no positive row. */
export function bestF1Threshold(curve: PrecisionRecallCurve): number | null {
  let best = -1;
  let at: number | null = null;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const f = ratio(2 * curve.precision[i] * curve.recall[i], curve.precision[i] + curve.recall[i]);
    if (f >= best) {
      best = f;
      at = curve.thresholds[i];
    }
  }
  return best > 0 ? at : null;
}
