import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { reference } from '../../test-utils/fixtures';
import { accuracyAt, binaryLogLoss, brier, f1At, precisionAt, recallAt, rocAuc } from './binary';
import { accuracy, argmaxRows, confusionMatrix, f1Macro, multiclassLogLoss } from './multiclass';
import { adjacentAccuracy, weightedKappa } from './ordinal';
import { mae, mse, r2, rmse } from './regression';

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

describe.each([11, 12] as const)('metrics match scikit-learn (reference-%i)', (seed) => {
  const ref = reference(seed);
  it('binary', () => {
    const b = ref.binary;
    const y = arr(b, 'y_true');
    const p = arr(b, 'y_prob');
    expectClose(accuracyAt(y, p), num(b, 'accuracy'));
    expectClose(precisionAt(y, p), num(b, 'precision'));
    expectClose(recallAt(y, p), num(b, 'recall'));
    expectClose(f1At(y, p), num(b, 'f1'));
    expectClose(rocAuc(y, p), num(b, 'roc_auc'));
    expectClose(binaryLogLoss(y, p), num(b, 'log_loss'));
    expectClose(brier(y, p), num(b, 'brier'));
  });
  it('multiclass', () => {
    const m = ref.multiclass;
    const k = num(m, 'k');
    const y = arr(m, 'y_true');
    const probs = softmaxRows(m.logits as number[][]);
    const pred = argmaxRows(probs, k);
    expectClose(accuracy(y, pred), num(m, 'accuracy'));
    expectClose(f1Macro(y, pred, k), num(m, 'f1_macro'));
    expectClose(multiclassLogLoss(y, probs, k), num(m, 'log_loss'));
    expect(confusionMatrix(y, pred, k)).toEqual(m.confusion_matrix);
  });
  it('ordinal', () => {
    const o = ref.ordinal;
    const k = num(o, 'k');
    const y = arr(o, 'y_true');
    const p = arr(o, 'y_pred');
    expectClose(mae(y, p), num(o, 'mae'));
    expectClose(accuracy(y, p), num(o, 'accuracy'));
    expectClose(adjacentAccuracy(y, p), num(o, 'adjacent_accuracy'));
    expectClose(weightedKappa(y, p, k, 'quadratic'), num(o, 'qwk'));
    expectClose(weightedKappa(y, p, k, 'linear'), num(o, 'linear_kappa'));
    expectClose(weightedKappa(y, p, k, 'none'), num(o, 'kappa'));
  });
  it('regression', () => {
    const r = ref.regression;
    const y = arr(r, 'y_true');
    const p = arr(r, 'y_pred');
    expectClose(mse(y, p), num(r, 'mse'));
    expectClose(rmse(y, p), num(r, 'rmse'));
    expectClose(mae(y, p), num(r, 'mae'));
    expectClose(r2(y, p), num(r, 'r2'));
  });
});

describe('rocAuc edge cases', () => {
  it('gives 0.5 for all-tied scores and NaN for one class only', () => {
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    expect(Number.isNaN(rocAuc([1, 1], [0.2, 0.4]))).toBe(true);
  });
});
