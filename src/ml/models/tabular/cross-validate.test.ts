import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../data/parse-file';
import { sampleBytes } from '../../../test-utils/fixtures';
import { DEFAULT_PREPROCESS } from '../../data/preprocess';
import { defaultTabularConfig } from './config';
import { crossValidateTabular } from './cross-validate';
import { createNodeWasmKernels } from '../../engine/wasm/kernels-wasm-node';

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

  it("on Kiln's engine, each fold's metrics and kept epoch equal TF.js's (no dropout: both engines take the same path)", async () => {
    const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
    const features = frame.columns.filter((c) => c.name !== 'cultivar').map((c) => c.name);
    const task = { target: 'cultivar', kind: 'multiclass' as const, features };
    const cv = { folds: 3, repeats: 1, seed: 5, strategy: 'stratified' as const };
    // dropout draws its masks from each engine's own generator; without it the folds differ only by float rounding
    const model = { ...defaultTabularConfig(), epochs: 12, hiddenUnits: [16], dropout: 0 };
    const ref = await crossValidateTabular(frame, task, cv, DEFAULT_PREPROCESS, model);
    const before = tf.memory().numTensors;
    // counted, so a fold that quietly trained on TF.js (a tie by construction) fails here
    let fits = 0;
    const kernels = (memory: WebAssembly.Memory) => (fits++, createNodeWasmKernels(memory));
    const kiln = await crossValidateTabular(frame, task, cv, DEFAULT_PREPROCESS, model, {}, { kind: 'kiln', kernels });
    expect(fits).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    expect(kiln.cv.folds).toHaveLength(3);
    kiln.cv.folds.forEach((f, i) => {
      const r = ref.cv.folds[i];
      expect(f.rounds, `fold ${i}: the epoch kept`).toBe(r.rounds);
      expect(Object.keys(f.metrics).sort()).toEqual(Object.keys(r.metrics).sort());
      for (const k of Object.keys(r.metrics)) expect(Math.abs(f.metrics[k] - r.metrics[k]), `fold ${i} ${k}: ${f.metrics[k]} vs ${r.metrics[k]}`).toBeLessThanOrEqual(1e-4);
    });
    expect(Math.abs(kiln.cv.pooled.metrics.log_loss - ref.cv.pooled.metrics.log_loss)).toBeLessThanOrEqual(1e-4);
  });
});
