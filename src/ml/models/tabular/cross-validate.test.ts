import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../data/parse-file';
import { sampleBytes } from '../../../test-utils/fixtures';
import { DEFAULT_PREPROCESS } from '../../data/preprocess';
import { defaultTabularConfig } from './config';
import { crossValidateTabular } from './cross-validate';

describe('k-fold cross-validation of the tabular family', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('wine, 3 stratified folds: every row scored once out of fold, per-fold metrics and mean ± std, tensors released', async () => {
    const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
    const features = frame.columns.filter((c) => c.name !== 'cultivar').map((c) => c.name);
    const before = tf.memory().numTensors;
    const epochsSeen = new Set<string>();
    const r = await crossValidateTabular(frame, { target: 'cultivar', kind: 'multiclass', features }, { folds: 3, repeats: 1, seed: 5, strategy: 'stratified' }, DEFAULT_PREPROCESS, { ...defaultTabularConfig(), epochs: 15, hiddenUnits: [16] }, {
      onEpoch: (fold, e) => void epochsSeen.add(`${fold}:${e.epoch}`),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.cv.folds.map((f) => f.test).reduce((a, b) => a + b, 0)).toBe(178);
    expect(r.cv.pooled.n).toBe(178);
    expect(epochsSeen.has('2:1')).toBe(true);
    expect(r.cv.summary.accuracy.mean).toBeGreaterThan(0.85);
    expect(r.cv.summary.accuracy.std).toBeGreaterThanOrEqual(0);
    expect(r.cv.pooled.kind).toBe('multiclass');
  });

  it('stops between folds when asked, keeping the folds done', async () => {
    const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
    const features = frame.columns.filter((c) => c.name !== 'cultivar').map((c) => c.name);
    let folds = 0;
    const r = await crossValidateTabular(frame, { target: 'cultivar', kind: 'multiclass', features }, { folds: 4, repeats: 1, seed: 5, strategy: 'stratified' }, DEFAULT_PREPROCESS, { ...defaultTabularConfig(), epochs: 3 }, {
      onFold: () => void folds++,
      shouldStop: () => folds >= 2,
    });
    expect(r.reason).toBe('user-stopped');
    expect(r.cv.folds).toHaveLength(2);
  });
});
