import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { reference, referenceSeeds } from '../../test-utils/fixtures';
import { accuracyAt, averagePrecision, binaryLogLoss, brier, f1At, precisionAt, prCurve, rankingSummary, recallAt, rocAuc, rocCurve } from './binary';
import { accuracy, argmaxRows, confusionMatrix, f1Macro, f1Micro, f1Weighted, multiclassLogLoss, perClass, topKAccuracy } from './multiclass';
import { kendallTau, mrr, ndcg, pairwiseAccuracy } from './ranking';
import { adjacentAccuracy, weightedKappa } from './ordinal';
import { mae, mse, pearson, r2, rmse, spearman } from './regression';

type Ref = Record<string, unknown>;
const num = (r: Ref, k: string) => r[k] as number;
const arr = (r: Ref, k: string) => r[k] as number[];

function softmaxRows(logits: number[][]): Float64Array {
  const k = logits[0].length;
  const out = new Float64Array(logits.length * k);
  logits.forEach((row, i) => {
    const m = Math.max(...row);
    const e = row.map((z) => Math.exp(z - m));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => (out[i * k + j] = v / s));
  });
  return out;
}

it('finds every reference fixture file copied from shared/fixtures/reference', () => {
  expect(referenceSeeds().length).toBeGreaterThanOrEqual(2);
});

describe.each(referenceSeeds())('metrics match scikit-learn (reference-%i)', (seed) => {
  const ref = reference(seed);
  it('binary', () => {
    const b = ref.binary;
    const y = arr(b, 'y_true');
    const p = arr(b, 'y_prob');
    expectClose(accuracyAt(y, p), num(b, 'accuracy'), 0, 1e-9);
    expectClose(precisionAt(y, p), num(b, 'precision'), 0, 1e-9);
    expectClose(recallAt(y, p), num(b, 'recall'), 0, 1e-9);
    expectClose(f1At(y, p), num(b, 'f1'), 0, 1e-9);
    expectClose(rocAuc(y, p), num(b, 'roc_auc'), 0, 1e-9);
    expectClose(binaryLogLoss(y, p), num(b, 'log_loss'), 0, 1e-9);
    expectClose(brier(y, p), num(b, 'brier'), 0, 1e-9);
    expectClose(averagePrecision(y, p), num(b, 'average_precision'), 0, 1e-9);
    const both = rankingSummary(y, p);
    expectClose(both.rocAuc, num(b, 'roc_auc'), 0, 1e-9);
    expectClose(both.averagePrecision, num(b, 'average_precision'), 0, 1e-9);
  });
  it('multiclass', () => {
    const m = ref.multiclass;
    const k = num(m, 'k');
    const y = arr(m, 'y_true');
    const probs = softmaxRows(m.logits as number[][]);
    const pred = argmaxRows(probs, k);
    expectClose(accuracy(y, pred), num(m, 'accuracy'), 0, 1e-9);
    expectClose(f1Macro(y, pred, k), num(m, 'f1_macro'), 0, 1e-9);
    // make_fixtures.py computed log_loss from the unrounded logits but stores them rounded to 6
    // decimals; that rounding alone moves the loss by ~1e-8, so 1e-9 cannot hold for this value
    expectClose(multiclassLogLoss(y, probs, k), num(m, 'log_loss'), 0, 1e-7);
    expect(confusionMatrix(y, pred, k)).toEqual(m.confusion_matrix);
    expectClose(topKAccuracy(y, probs, k, 3), num(m, 'top3_accuracy'), 0, 1e-9);
    if (m.top5_accuracy !== null) expectClose(topKAccuracy(y, probs, k, 5), num(m, 'top5_accuracy'), 0, 1e-9);
    expectClose(f1Micro(y, pred), num(m, 'f1_micro'), 0, 1e-9);
    expectClose(f1Weighted(y, pred, k), num(m, 'f1_weighted'), 0, 1e-9);
    const pc = perClass(y, pred, k);
    expectClose(pc.precision, arr(m, 'precision_per_class'), 0, 1e-9);
    expectClose(pc.recall, arr(m, 'recall_per_class'), 0, 1e-9);
  });
  it('ordinal', () => {
    const o = ref.ordinal;
    const k = num(o, 'k');
    const y = arr(o, 'y_true');
    const p = arr(o, 'y_pred');
    expectClose(mae(y, p), num(o, 'mae'), 0, 1e-9);
    expectClose(accuracy(y, p), num(o, 'accuracy'), 0, 1e-9);
    expectClose(adjacentAccuracy(y, p), num(o, 'adjacent_accuracy'), 0, 1e-9);
    expectClose(weightedKappa(y, p, k, 'quadratic'), num(o, 'qwk'), 0, 1e-9);
    expectClose(weightedKappa(y, p, k, 'linear'), num(o, 'linear_kappa'), 0, 1e-9);
    expectClose(weightedKappa(y, p, k, 'none'), num(o, 'kappa'), 0, 1e-9);
  });
  it('regression', () => {
    const r = ref.regression;
    const y = arr(r, 'y_true');
    const p = arr(r, 'y_pred');
    expectClose(mse(y, p), num(r, 'mse'), 0, 1e-9);
    expectClose(rmse(y, p), num(r, 'rmse'), 0, 1e-9);
    expectClose(mae(y, p), num(r, 'mae'), 0, 1e-9);
    expectClose(r2(y, p), num(r, 'r2'), 0, 1e-9);
    expectClose(pearson(y, p), num(r, 'pearson'), 0, 1e-9);
    expectClose(spearman(y, p), num(r, 'spearman'), 0, 1e-9);
  });
  it('ranking', () => {
    const r = ref.ranking;
    const rel = r.relevance as number[][];
    const sc = r.scores as number[][];
    expectClose(ndcg(rel, sc, 5), num(r, 'ndcg_at_5'), 0, 1e-9);
    expectClose(ndcg(rel, sc, 10), num(r, 'ndcg_at_10'), 0, 1e-9);
    expectClose(ndcg(rel, sc), num(r, 'ndcg'), 0, 1e-9);
  });
});

describe('ranking and curves on hand-checked cases', () => {
  it('NDCG averages tied scores, MRR and pairwise accuracy count as documented', () => {
    // one query, two items tied at the top: their gains share the first two discounts
    const tied = ndcg([[3, 0, 1]], [[1, 1, 0]]);
    const ideal = 3 + 1 / Math.log2(3);
    expectClose(tied, ((3 + 0) / 2) * (1 + 1 / Math.log2(3)) / ideal + (1 * 0.5) / ideal);
    expect(mrr([[0, 0, 1], [1, 0, 0]], [[3, 2, 1], [1, 2, 3]])).toBeCloseTo((1 / 3 + 1 / 3) / 2, 12);
    expect(pairwiseAccuracy([[2, 1, 0]], [[3, 1, 1]])).toBeCloseTo((1 + 1 + 0.5) / 3, 12);
  });
  it('ROC and PR curves start at their anchors and end at (1, 1) and full recall', () => {
    const y = [0, 0, 1, 1];
    const p = [0.1, 0.4, 0.35, 0.8];
    expect(rocCurve(y, p).map((c) => [c.x, c.y])).toEqual([[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
    expect(prCurve(y, p).at(-1)).toMatchObject({ x: 1, y: 0.5 });
    expectClose(averagePrecision(y, p), 0.8333333333333333);
  });
});

describe('rocAuc edge cases', () => {
  it('gives 0.5 for all-tied scores and NaN for one class only', () => {
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    expect(Number.isNaN(rocAuc([1, 1], [0.2, 0.4]))).toBe(true);
  });
});

describe("Kendall's tau-b", () => {
  // expected values: scipy.stats.kendalltau (scipy 1.10.1, variant 'b')
  it.each([
    { x: [1, 2, 3, 4, 5], y: [5, 6, 7, 8, 7], tau: 0.7378647873726218 },
    { x: [1, 0, -1, 1, 0, -1, 1, 1], y: [0.5, 0.1, -2, 3, 0.1, -0.2, -0.1, 2], tau: 0.6885303726590963 },
    { x: [1, -1, -1, -1, -1, 1, 1, 0, -1, -1, -1, 0], y: [-2.02, -0.232, -0.865, 3.323, 0.226, -0.353, -0.281, -0.668, -1.055, -0.391, 0.482, -0.239], tau: -0.28835491804079716 },
  ])('matches scipy with ties on either side ($tau)', ({ x, y, tau }) => {
    expectClose(kendallTau(x, y), tau, 1e-12);
  });
  it('is NaN when one side is constant', () => {
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});
