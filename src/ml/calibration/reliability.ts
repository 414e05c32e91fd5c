/**
 * Reliability measures: scikit-learn's calibration_curve, binned calibration errors (ECE, MCE,
 * top-label ECE) and the per-bin view a reliability diagram draws.
 */
import { assertBinaryLabels, assertNonEmpty, assertPositiveInt, assertProbabilities, assertSameLength, rowCount, type Num } from './checks';

export interface CalibrationCurve {
  /** fraction of positives per non-empty bin */
  probTrue: number[];
  /** mean predicted probability per non-empty bin */
  probPred: number[];
  /** rows per non-empty bin */
  counts: number[];
  /** all nBins + 1 edges, empty bins included */
  binEdges: number[];
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** NaN when count is 0: an empty bin has no mean, and 0 would draw a false point */
  meanPred: number;
  fracPos: number;
}

/** np.linspace(0, 1, n + 1): i·(1/n) with the last edge set to exactly 1, as numpy computes it. */
function linspaceUnit(n: number): number[] {
  const step = 1 / n;
  const out = Array.from({ length: n + 1 }, (_, i) => i * step);
  out[n] = 1;
  return out;
}

/**
 * np.percentile(values, q) with numpy's default 'linear' method, including its two-sided lerp
 * (from the upper neighbour when the fraction is ≥ 0.5), so that edges equal numpy's to the bit.
 */
function percentileLinear(sorted: Float64Array, percents: number[]): number[] {
  const n = sorted.length;
  return percents.map((pct) => {
    const virtual = (n - 1) * (pct / 100);
    if (virtual >= n - 1) return sorted[n - 1];
    if (virtual <= 0) return sorted[0];
    const lo = Math.floor(virtual);
    const t = virtual - lo;
    const a = sorted[lo];
    const b = sorted[lo + 1];
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

/** np.searchsorted(edges, v) with side='left': how many edges lie strictly below v. */
function searchLeft(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * sklearn.calibration.calibration_curve (1.2). A probability equal to an interior edge goes to the
 * lower bin: scikit-learn calls np.searchsorted(bins[1:-1], y_prob) with numpy's default side='left'.
 */
export function calibrationCurve(y: Num, p: Num, nBins = 10, strategy: 'uniform' | 'quantile' = 'uniform'): CalibrationCurve {
  assertSameLength('y', y, 'p', p);
  assertNonEmpty('p', p);
  assertPositiveInt('nBins', nBins);
  assertBinaryLabels('y', y);
  assertProbabilities('p', p);
  let binEdges = linspaceUnit(nBins);
  if (strategy === 'quantile') {
    // scikit-learn passes percents (linspace·100) and numpy divides them back by 100
    binEdges = percentileLinear(Float64Array.from(p).sort(), binEdges.map((q) => q * 100));
  } else if (strategy !== 'uniform') {
    throw new RangeError(`strategy must be 'uniform' or 'quantile' (got ${String(strategy)})`);
  }
  const interior = binEdges.slice(1, -1);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  // summed in row order, as np.bincount does, so the means match numpy's to the last bit
  for (let i = 0; i < p.length; i++) {
    const b = searchLeft(interior, p[i]);
    sums[b] += p[i];
    trues[b] += y[i];
    totals[b] += 1;
  }
  const out: CalibrationCurve = { probTrue: [], probPred: [], counts: [], binEdges };
  for (let b = 0; b < nBins; b++) {
    if (totals[b] === 0) continue;
    out.probTrue.push(trues[b] / totals[b]);
    out.probPred.push(sums[b] / totals[b]);
    out.counts.push(totals[b]);
  }
  return out;
}

/** Bin [i/B, (i+1)/B) for a confidence, with 1.0 in the last bin (the ECE convention, not sklearn's). */
const binOf = (c: number, nBins: number): number => Math.min(Math.floor(c * nBins), nBins - 1);

interface BinStats {
  count: Float64Array;
  sumConf: Float64Array;
  sumY: Float64Array;
}

function binStats(y: Num, conf: Num, nBins: number): BinStats {
  assertSameLength('y', y, 'conf', conf);
  assertPositiveInt('nBins', nBins);
  assertProbabilities('conf', conf);
  const s: BinStats = { count: new Float64Array(nBins), sumConf: new Float64Array(nBins), sumY: new Float64Array(nBins) };
  for (let i = 0; i < conf.length; i++) {
    const b = binOf(conf[i], nBins);
    s.count[b] += 1;
    s.sumConf[b] += conf[i];
    s.sumY[b] += y[i];
  }
  return s;
}

/** Expected calibration error: Σ_b (n_b/n)·|mean(y_b) − mean(conf_b)| over equal-width bins. NaN for no rows. */
export function ece(y: Num, conf: Num, nBins = 15): number {
  const s = binStats(y, conf, nBins);
  const n = conf.length;
  if (n === 0) return NaN;
  let total = 0;
  for (let b = 0; b < nBins; b++) {
    const c = s.count[b];
    if (c > 0) total += (c / n) * Math.abs(s.sumY[b] / c - s.sumConf[b] / c);
  }
  return total;
}

/** Maximum calibration error: the worst |mean(y_b) − mean(conf_b)| over non-empty bins. NaN for no rows. */
export function mce(y: Num, conf: Num, nBins = 15): number {
  const s = binStats(y, conf, nBins);
  if (conf.length === 0) return NaN;
  let worst = 0;
  for (let b = 0; b < nBins; b++) {
    const c = s.count[b];
    if (c > 0) worst = Math.max(worst, Math.abs(s.sumY[b] / c - s.sumConf[b] / c));
  }
  return worst;
}

/** Top-label view of row-major n×k probabilities: max probability and whether its class (first on ties) is y. */
export function topLabel(yTrue: Num, probs: Num, k: number): { correct: Float64Array; confidence: Float64Array } {
  const n = rowCount('probs', probs, k);
  assertSameLength('yTrue', yTrue, 'probs rows', { length: n });
  const correct = new Float64Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    confidence[i] = probs[i * k + best];
    correct[i] = best === yTrue[i] ? 1 : 0;
  }
  return { correct, confidence };
}

/** ECE of the top-label confidence against top-label correctness. */
export function topLabelEce(yTrue: Num, probs: Num, k: number, nBins = 15): number {
  const t = topLabel(yTrue, probs, k);
  return ece(t.correct, t.confidence, nBins);
}

/** Every equal-width bin, empty ones included, so a diagram can show where no predictions fall. */
export function reliabilityBins(y: Num, p: Num, nBins = 10): ReliabilityBin[] {
  const s = binStats(y, p, nBins);
  const edges = linspaceUnit(nBins);
  return Array.from({ length: nBins }, (_, b) => {
    const c = s.count[b];
    return { lo: edges[b], hi: edges[b + 1], count: c, meanPred: c > 0 ? s.sumConf[b] / c : NaN, fracPos: c > 0 ? s.sumY[b] / c : NaN };
  });
}

/** Counts of probabilities per equal-width bin (same bins as reliabilityBins). */
export function probabilityHistogram(p: Num, nBins = 10): number[] {
  assertPositiveInt('nBins', nBins);
  assertProbabilities('p', p);
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < p.length; i++) counts[binOf(p[i], nBins)]++;
  return counts;
}
