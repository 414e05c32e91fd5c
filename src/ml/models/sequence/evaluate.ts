import { reliabilityBins, topLabel, ece, type ReliabilityBin } from '../../calibration/reliability';
import { softmaxRows } from '../../calibration/softmax';
import { rocAuc } from '../../metrics/binary';
import { topKAccuracy } from '../../metrics/multiclass';
import type { SequenceExamples } from './examples';
import type { SequenceOutputs } from './predict';

/** Above this share of "predicts the current title" on career changers, the report warns. */
export const SAME_PREDICTION_WARNING = 0.5;

export interface HeadLosses {
  title: number;
  tenure: number;
  hire: number;
  /** weighted sum; on held-out data the tenure term counts only with ≥ MIN_ROWS_FOR_HEAD_LOSS known tenures */
  total: number;
  /** rows whose tenure is known (recent roles are still ongoing, so often few on held-out data) */
  tenureRows?: number;
}

export const MIN_ROWS_FOR_HEAD_LOSS = 30;

export interface ChangerSlice {
  examples: number;
  /** share of all scored examples that are career changes */
  share: number;
  top1: number;
  top5: number;
  /** how often the model's top-1 is the title the person already holds */
  samePredictionRate: number;
  warning: string | null;
}

export interface SequenceMetrics {
  examples: number;
  top1: number;
  top5: number;
  tenureMae: number;
  tenureExamples: number;
  hireAuc: number;
  top1Ece: number;
  losses: HeadLosses;
  changers: ChangerSlice;
  /** the same figures for examples that stay in the same title family */
  stayers: { examples: number; top1: number; samePredictionRate: number };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function argmaxRow(p: ArrayLike<number>, i: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[i * k + j] > p[i * k + best]) best = j;
  return best;
}

/** Rows' values of a per-example array, in the order of `rows`. */
function take<T extends Int32Array | Float32Array | Uint8Array>(a: T, rows: Int32Array): number[] {
  return Array.from(rows, (r) => a[r]);
}

/** Host-side head losses, the same definitions the training loss uses (tenure standardized). */
export function headLossesOf(ex: SequenceExamples, o: SequenceOutputs, probs: Float64Array, weights: { tenure: number; hire: number }, tenureStd: number): HeadLosses {
  const k = o.vocabSize;
  let ce = 0;
  let se = 0;
  let nt = 0;
  let bce = 0;
  o.rows.forEach((r, i) => {
    ce -= Math.log(Math.max(probs[i * k + ex.nextTitle[r]], 1e-12));
    const m = ex.tenureMonths[r];
    if (!Number.isNaN(m)) {
      se += (((o.tenure[i] - m) / tenureStd) ** 2);
      nt++;
    }
    const z = o.hireLogit[i];
    const y = ex.hire[r];
    bce += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  });
  const n = Math.max(o.rows.length, 1);
  const title = ce / n;
  // NaN, not 0, when no tenure is known: a chart then shows a gap instead of a perfect score
  const tenure = nt ? se / nt : NaN;
  const hire = bce / n;
  // a head scored on a handful of rows would only add noise to early stopping's signal
  const tenureTerm = nt >= MIN_ROWS_FOR_HEAD_LOSS ? weights.tenure * tenure : 0;
  return { title, tenure, hire, total: title + tenureTerm + weights.hire * hire, tenureRows: nt };
}

function sliceStats(rows: number[], yTitle: number[], current: number[], pred: Int32Array, probs: Float64Array, k: number) {
  let hit = 0;
  let same = 0;
  let hit5 = 0;
  for (const i of rows) {
    if (pred[i] === yTitle[i]) hit++;
    if (pred[i] === current[i]) same++;
  }
  if (rows.length) {
    const sub = new Float64Array(rows.length * k);
    rows.forEach((i, j) => sub.set(probs.subarray(i * k, (i + 1) * k), j * k));
    hit5 = topKAccuracy(rows.map((i) => yTitle[i]), sub, k, Math.min(5, k)) * rows.length;
  }
  const n = rows.length || 1;
  return { examples: rows.length, top1: hit / n, top5: hit5 / n, samePredictionRate: same / n };
}

/** Every figure of a held-out split from the model's raw outputs. */
export function sequenceMetrics(ex: SequenceExamples, o: SequenceOutputs, weights: { tenure: number; hire: number }, tenureStd: number): SequenceMetrics & { reliability: ReliabilityBin[]; probs: Float64Array } {
  const k = o.vocabSize;
  const n = o.rows.length;
  const probs = softmaxRows(o.logits, k);
  const yTitle = take(ex.nextTitle, o.rows);
  const current = take(ex.current, o.rows);
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) pred[i] = argmaxRow(probs, i, k);
  let absErr = 0;
  let nt = 0;
  o.rows.forEach((r, i) => {
    const m = ex.tenureMonths[r];
    if (!Number.isNaN(m)) {
      absErr += Math.abs(o.tenure[i] - m);
      nt++;
    }
  });
  const hireY = take(ex.hire, o.rows);
  const hireP = Array.from(o.hireLogit, sigmoid);
  const hasBoth = hireY.some((v) => v === 1) && hireY.some((v) => v === 0);
  const tl = n ? topLabel(yTitle, probs, k) : { correct: new Float64Array(0), confidence: new Float64Array(0) };
  const changerRows: number[] = [];
  const stayerRows: number[] = [];
  o.rows.forEach((r, i) => (ex.changer[r] ? changerRows : stayerRows).push(i));
  const ch = sliceStats(changerRows, yTitle, current, pred, probs, k);
  const st = sliceStats(stayerRows, yTitle, current, pred, probs, k);
  return {
    examples: n,
    top1: n ? tl.correct.reduce((a, b) => a + b, 0) / n : NaN,
    top5: n ? topKAccuracy(yTitle, probs, k, Math.min(5, k)) : NaN,
    tenureMae: nt ? absErr / nt : NaN,
    tenureExamples: nt,
    hireAuc: hasBoth ? rocAuc(hireY, hireP) : NaN,
    top1Ece: n ? ece(tl.correct, tl.confidence, 15) : NaN,
    losses: headLossesOf(ex, o, probs, weights, tenureStd),
    changers: {
      ...ch,
      share: n ? changerRows.length / n : 0,
      warning:
        ch.examples > 0 && ch.samePredictionRate > SAME_PREDICTION_WARNING
          ? `On career changers the model predicts the title the person already holds ${(100 * ch.samePredictionRate).toFixed(0)}% of the time (over ${SAME_PREDICTION_WARNING * 100}%): it is lagging one step behind rather than predicting the change.`
          : null,
    },
    stayers: { examples: st.examples, top1: st.top1, samePredictionRate: st.samePredictionRate },
    reliability: n ? reliabilityBins(tl.correct, tl.confidence, 10) : [],
    probs,
  };
}
