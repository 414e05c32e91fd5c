import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../data/parse-file';
import { DEFAULT_PREPROCESS } from '../../data/preprocess';
import type { Frame } from '../../data/frame';
import { sampleBytes } from '../../../test-utils/fixtures';
import { buildTabularModel, tabularSpec } from './build-model';
import { defaultTabularConfig, type TabularConfig } from './config';
import { taskLoss } from './losses';
import { prepareTabular, type PreparedTabular } from './prepare';
import { fitTabular, predictLogits } from './train-loop';
import { trainTabular } from './train-tabular';

let cancer: Frame;
let prepared: PreparedTabular;
const features = (f: Frame, target: string) => f.columns.map((c) => c.name).filter((n) => n !== target);

beforeAll(async () => {
  await tf.setBackend('cpu');
  cancer = await parseFile('breast_cancer.csv', sampleBytes('breast_cancer.csv'));
  prepared = prepareTabular(
    cancer,
    { target: 'diagnosis', kind: 'binary', features: features(cancer, 'diagnosis') },
    { strategy: 'stratified', seed: 3, validationFraction: 0.2, testFraction: 0.1 },
    DEFAULT_PREPROCESS,
  );
});

const cfg = (over: Partial<TabularConfig> = {}): TabularConfig => ({ ...defaultTabularConfig(), ...over });

describe('fitTabular', () => {
  it('keeps the tensor count flat: numTensors after epoch 1 equals numTensors after epoch 5', async () => {
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const res = await trainTabular(prepared, cfg({ epochs: 5, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: true } }), {
      onEpoch: (e) => void counts.push(e.numTensors),
    });
    expect(counts).toHaveLength(5);
    expect(counts[4]).toBe(counts[0]);
    expect(res.fit.tensorCounts).toEqual(counts);
    res.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns breast cancer to ≥ 0.93 validation accuracy and reports batch losses a few times per epoch', async () => {
    let batches = 0;
    let epochs = 0;
    const res = await trainTabular(prepared, cfg({ epochs: 30, readsPerEpoch: 3 }), {
      onBatch: () => void batches++,
      onEpoch: () => void epochs++,
      // a clock that stands still: the at-least-once-a-second read never fires, however slow the machine
      now: () => 0,
    });
    expect(res.finalMetrics.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(res.finalMetrics.roc_auc).toBeGreaterThan(0.97);
    // a few reads per epoch, plus the first step's (read at once, so the first step shows)
    expect(batches).toBeLessThanOrEqual(epochs * 4 + 1);
    expect(batches).toBeGreaterThanOrEqual(epochs * 3);
    res.model.dispose();
  });

  it('stops on a non-finite loss and keeps finite weights', async () => {
    const arrays = { ...prepared.arrays, xTrain: prepared.arrays.xTrain.slice() };
    arrays.xTrain[5] = Infinity;
    const spec = tabularSpec(arrays.inputDim, 'binary', 2, cfg());
    const model = buildTabularModel(spec);
    const res = await fitTabular(model, 'binary', arrays, cfg({ epochs: 5 }));
    expect(res.reason).toBe('non-finite-loss');
    expect(res.message).toMatch(/NaN|infinite/);
    const ws = await Promise.all(model.getWeights().map((w) => w.data()));
    expect(ws.every((w) => Array.from(w).every(Number.isFinite))).toBe(true);
    model.dispose();
  });

  it('stops when asked, between steps', async () => {
    let epochs = 0;
    const res = await trainTabular(prepared, cfg({ epochs: 50 }), { onEpoch: () => void epochs++, shouldStop: () => epochs >= 2 });
    expect(res.fit.reason).toBe('user-stopped');
    expect(res.fit.epochsRun).toBe(2);
    res.model.dispose();
  });

  it('early-stops on validation loss and restores the best epoch weights', async () => {
    // a wide MLP on 40 noisy rows overfits fast, so validation loss turns up
    const small = prepareTabular(
      cancer,
      { target: 'diagnosis', kind: 'binary', features: features(cancer, 'diagnosis') },
      { strategy: 'random', seed: 5, validationFraction: 0.9, testFraction: 0.03 },
      DEFAULT_PREPROCESS,
    );
    const config = cfg({ epochs: 300, hiddenUnits: [64, 64], dropout: 0, l2: 0, learningRate: 0.05, earlyStopping: { enabled: true, patience: 3, restoreBestWeights: true } });
    const res = await trainTabular(small, config);
    expect(res.fit.reason).toBe('early-stopped');
    expect(res.fit.bestEpoch).toBeLessThan(res.fit.epochsRun);
    expect(res.fit.epochsRun - res.fit.bestEpoch).toBe(3);
    const xVal = tf.tensor2d(small.arrays.xVal, [small.arrays.nVal, small.arrays.inputDim]);
    const yVal = tf.tensor2d(small.arrays.yVal, [small.arrays.nVal, 1]);
    const logits = predictLogits(res.model, xVal);
    const loss = (await taskLoss('binary', logits, yVal).data())[0];
    expect(loss).toBeCloseTo(res.fit.bestValLoss, 5);
    tf.dispose([xVal, yVal, logits]);
    res.model.dispose();
  });
});
