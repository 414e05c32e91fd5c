import { inferColumn } from '../../data/infer-types';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../test-utils/close';
import type { Column, Frame } from '../../data/frame';
import { logitsToScores } from '../tabular/losses';
import { defaultGbdtConfig } from './config';
import { predictProbaMatrix } from './model';
import { syntheticTable } from './synthetic';
import { trainGbdtRun } from './train-gbdt';

const GRADES = ['F', 'E', 'D', 'C', 'B', 'A'];

/** A frame with 6 numeric features, an embedding column, a prompt column (groups) and a letter grade. */
function gradedFrame(n = 400): Frame {
  const t = syntheticTable('ordinal', n, 8, { seed: 21, classes: 6, missingRate: 0.03 });
  const num = (f: number) => Float64Array.from({ length: n }, (_, i) => t.x[i * 8 + f]);
  return {
    rowCount: n,
    columns: [
      ...[0, 1, 2, 3, 4, 5].map((f) => ({ name: `f${f}`, dtype: 'numeric' as const, values: num(f) })),
      { name: 'emb', dtype: 'text', values: Array.from({ length: n }, (_, i) => JSON.stringify([t.x[i * 8 + 6] || 0, t.x[i * 8 + 7] || 0])) },
      { name: 'prompt', dtype: 'categorical', values: Array.from({ length: n }, (_, i) => `p${i % 9}`) },
      { name: 'grade', dtype: 'categorical', values: Array.from(t.y, (g) => GRADES[g]) },
    ],
  };
}

const features = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'emb'];
const model = { ...defaultGbdtConfig(), rounds: 40, maxDepth: 3, minSamplesLeaf: 5 };

describe('a GBDT run on a frame', () => {
  it('holdout: stored held-out logits give the model probabilities back (ordinal convention), and the parity rows are the validation rows', async () => {
    const frame = gradedFrame();
    const out = await trainGbdtRun(frame, { source: 'graded', task: { target: 'grade', kind: 'ordinal', labels: GRADES, features }, model, evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.25, testFraction: 0.25 } } });
    const p = out.predictions!;
    expect(p.width).toBe(5);
    expect(out.result.featureNames).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'emb[0]', 'emb[1]']);
    const fromLogits = logitsToScores('ordinal', p.validation.logits, 6);
    expectClose(fromLogits, out.parity!.outputs, 0, 1e-6);
    expect(out.parity!.rows).toBe(p.validation.y.length);
    expectClose(predictProbaMatrix(out.model!, out.parity!.x, out.parity!.rows), out.parity!.outputs, 0, 0);
    expect(out.result.validation?.kind).toBe('ordinal');
    expect(out.result.test?.n).toBe(p.test.y.length);
  });

  it('binary and multiclass held-out logits follow the tabular family (σ and softmax)', async () => {
    const frame = gradedFrame();
    for (const kind of ['binary', 'multiclass'] as const) {
      const labels = kind === 'binary' ? undefined : GRADES;
      const passFail: Column = { name: 'grade', dtype: 'categorical', values: (frame.columns[8].values as string[]).map((g) => (g < 'D' ? 'pass' : 'fail')) };
      const bin: Frame = kind === 'binary' ? { ...frame, columns: [...frame.columns.slice(0, 8), passFail] } : frame;
      const out = await trainGbdtRun(bin, { source: 'graded', task: { target: 'grade', kind, labels, features }, model, evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.25, testFraction: 0.25 } } });
      const p = out.predictions!;
      const scores = logitsToScores(kind, p.validation.logits, p.classes);
      const probs = out.parity!.outputs;
      const want = kind === 'binary' ? Float64Array.from({ length: probs.length / 2 }, (_, i) => probs[2 * i + 1]) : probs;
      expectClose(scores, want, 0, 1e-6);
    }
  });

  it('repeated cross-validation grouped by a column: each repeat predicts every row once, out of fold', async () => {
    const frame = gradedFrame();
    const out = await trainGbdtRun(frame, { source: 'graded', task: { target: 'grade', kind: 'ordinal', labels: GRADES, features }, model, evaluation: { mode: 'cv', cv: { folds: 3, repeats: 2, seed: 4, strategy: 'group', groupColumn: 'prompt' } } });
    const cv = out.result.cv!;
    expect(cv.folds).toHaveLength(6);
    expect(cv.folds.filter((f) => f.repeat === 0).reduce((a, f) => a + f.test, 0)).toBe(400);
    expect(cv.pooled.n).toBe(400);
    expect(cv.summary.qwk.mean).toBeGreaterThan(0.3);
    expect(out.model).toBeUndefined();
  });

  it('names what is wrong before training: a target among the features, too few rows', async () => {
    const frame = gradedFrame(30);
    await expect(trainGbdtRun(frame, { source: 'graded', task: { target: 'grade', kind: 'ordinal', labels: GRADES, features: ['grade'] }, model, evaluation: { mode: 'holdout', split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 } } })).rejects.toThrow('the target "grade" cannot also be a feature');
    await expect(trainGbdtRun(frame, { source: 'graded', task: { target: 'grade', kind: 'ordinal', labels: ['X', 'Y'], features }, model, evaluation: { mode: 'holdout', split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 } } })).rejects.toThrow('none of the classes "X", "Y" occur in "grade"; its values are "A", "B", "C", "D", "E", "F"');
    const few = gradedFrame(8);
    await expect(trainGbdtRun(few, { source: 'graded', task: { target: 'grade', kind: 'ordinal', labels: GRADES, features }, model, evaluation: { mode: 'holdout', split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 } } })).rejects.toThrow(/only 8 rows have a usable target/);
  });

  it('trains on a yes/no flag target and string features, and names the classes as the file did', async () => {
    const n = 400;
    const cities = ['Lyon', 'Paris', 'Nice', 'Lille'];
    const city = Array.from({ length: n }, (_, i) => cities[i % 4]);
    const plan = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'pro' : 'basic'));
    // churn is decided by the strings alone: Lyon and Nice on the basic plan churn
    const churned = city.map((c, i) => ((c === 'Lyon' || c === 'Nice') && plan[i] === 'basic' ? 'yes' : 'no'));
    const frame = { rowCount: n, columns: [{ name: 'city', dtype: 'categorical' as const, values: city }, { name: 'plan', dtype: 'categorical' as const, values: plan }, inferColumn('churned', churned)] };
    expect(frame.columns[2].dtype).toBe('boolean');
    const run = await trainGbdtRun(frame, {
      source: 'churn.csv',
      task: { target: 'churned', kind: 'binary', labels: ['no', 'yes'], features: ['city', 'plan'] },
      model: { ...model, minSamplesLeaf: 5 },
      evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.2, testFraction: 0.2 } },
    });
    expect(run.result.labels).toEqual(['no', 'yes']);
    expect(run.model?.labels).toEqual(['no', 'yes']);
    expect(run.result.featureNames).toEqual(['city', 'plan']);
    expect(run.result.widths.map((w) => w.kind)).toEqual(['categorical', 'categorical']);
    expect(run.result.validation?.metrics.accuracy).toBe(1);
    // labels left to the column: its own words, negative first
    const inferred = await trainGbdtRun(frame, { source: 'churn.csv', task: { target: 'churned', kind: 'binary', features: ['city', 'plan'] }, model, evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.2, testFraction: 0.2 } } });
    expect(inferred.result.labels).toEqual(['no', 'yes']);
  });
});
