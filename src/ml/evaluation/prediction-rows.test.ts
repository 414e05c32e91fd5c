import { describe, expect, it } from 'vitest';
import type { HeldOutPredictions } from './held-out-predictions';
import { predictionsCsv, predictionTable } from './prediction-rows';

const logit = (p: number) => Math.log(p / (1 - p));

function binary(): HeldOutPredictions {
  return {
    kind: 'binary',
    classes: 2,
    labels: ['no', 'yes, surely'],
    validation: { rows: Int32Array.from([4, 0]), y: Float64Array.from([1, 0]), logits: Float32Array.from([logit(0.8), logit(0.3)]) },
    test: { rows: Int32Array.from([7]), y: Float64Array.from([1]), logits: Float32Array.from([logit(0.45)]) },
    width: 1,
    yMean: 0,
    yStd: 1,
  };
}

describe('predictionTable', () => {
  it('lists validation then test rows with 1-based row numbers, the user labels and the top class probability', () => {
    const t = predictionTable(binary());
    expect(t.n).toBe(3);
    const rows = [0, 1, 2].map(t.rowAt);
    expect(rows.map((r) => [r.split, r.row, r.actual, r.predicted])).toEqual([
      ['validation', 5, 'yes, surely', 'yes, surely'],
      ['validation', 1, 'no', 'no'],
      ['test', 8, 'yes, surely', 'no'],
    ]);
    expect(rows[0].probability).toBeCloseTo(0.8, 6);
    expect(rows[1].probability).toBeCloseTo(0.7, 6);
    expect(rows[2].probabilities![1]).toBeCloseTo(0.45, 6);
    expect(() => t.rowAt(3)).toThrow(RangeError);
  });

  it('decides a binary prediction at the given threshold', () => {
    expect(predictionTable(binary(), 0.4).rowAt(2).predicted).toBe('yes, surely');
  });

  it('takes the arg-max class for multiclass and de-standardizes regression', () => {
    const mc: HeldOutPredictions = { kind: 'multiclass', classes: 3, labels: ['a', 'b', 'c'], validation: { rows: Int32Array.from([2]), y: Float64Array.from([2]), logits: Float32Array.from([0, 1, 3]) }, test: { rows: new Int32Array(0), y: new Float64Array(0), logits: new Float32Array(0) }, width: 3, yMean: 0, yStd: 1 };
    const r = predictionTable(mc).rowAt(0);
    expect(r.predicted).toBe('c');
    expect(r.probabilities).toHaveLength(3);
    expect(r.probability).toBeCloseTo(Math.exp(3) / (1 + Math.E + Math.exp(3)), 6);
    const reg: HeldOutPredictions = { kind: 'regression', classes: 1, validation: { rows: Int32Array.from([0]), y: Float64Array.from([150]), logits: Float32Array.from([0.5]) }, test: { rows: new Int32Array(0), y: new Float64Array(0), logits: new Float32Array(0) }, width: 1, yMean: 100, yStd: 20 };
    const g = predictionTable(reg).rowAt(0);
    expect([g.actual, g.predicted, g.residual]).toEqual(['150', '110', 40]);
  });
});

describe('predictionsCsv', () => {
  it('keeps label strings (quoted when they hold a comma) and names the target', () => {
    const csv = predictionsCsv(predictionTable(binary()), 'churned');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('split,row,churned,predicted_churned,probability,P(no),"P(yes, surely)"');
    expect(lines[1]).toBe('validation,5,"yes, surely","yes, surely",0.8,0.2,0.8');
    expect(lines[3]).toBe('test,8,"yes, surely",no,0.55,0.55,0.45');
    expect(lines).toHaveLength(4);
  });
});
