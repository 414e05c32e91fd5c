import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../data/parse-file';
import { DEFAULT_PREPROCESS } from '../../data/preprocess';
import { mulberry32 } from '../../data/rng';
import type { Frame } from '../../data/frame';
import { sampleBytes } from '../../../test-utils/fixtures';
import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../checkpoint';
import { defaultTabularConfig, type TabularConfig } from './config';
import { prepareTabular, type PreparedTabular } from './prepare';
import { trainTabular, type EpochSummary, type TrainedTabular } from './train-tabular';

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

const cfg = (over: Partial<TabularConfig> = {}): TabularConfig => ({
  ...defaultTabularConfig(),
  dropout: 0,
  epochs: 12,
  checkpointEvery: 5,
  // the last epoch's weights, not the best one's: a best epoch before the checkpoint would hide a difference
  earlyStopping: { enabled: false, patience: 3, restoreBestWeights: false },
  ...over,
});

interface Outcome {
  trained: TrainedTabular;
  epochs: EpochSummary[];
  checkpoints: NetCheckpoint[];
  weights: Float32Array[];
}

async function train(p: PreparedTabular, config: TabularConfig, resume?: NetCheckpoint, shouldStop?: (epochs: number) => boolean): Promise<Outcome> {
  const epochs: EpochSummary[] = [];
  const checkpoints: NetCheckpoint[] = [];
  const trained = await trainTabular(
    p,
    config,
    { onEpoch: (e) => void epochs.push(e), onCheckpoint: (cp) => void checkpoints.push(cp), shouldStop: shouldStop && (() => shouldStop(epochs.length)) },
    resume,
  );
  const weights = await Promise.all(trained.model.getWeights().map(async (w) => (await w.data()).slice() as Float32Array));
  trained.model.dispose();
  return { trained, epochs, checkpoints, weights };
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  expect(a.map((x) => x.length)).toEqual(b.map((x) => x.length));
  let m = 0;
  a.forEach((x, i) => x.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

function metricDiff(a: Record<string, number>, b: Record<string, number>): number {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  return Math.max(...Object.keys(a).map((k) => (Number.isNaN(a[k]) && Number.isNaN(b[k]) ? 0 : Math.abs(a[k] - b[k]))));
}

describe('mulberry32 state', () => {
  it('continues the same sequence from its state', () => {
    const g = mulberry32(42);
    for (let i = 0; i < 17; i++) g();
    const h = mulberry32(g.state());
    expect(Array.from({ length: 5 }, () => h())).toEqual(Array.from({ length: 5 }, () => g()));
  });
});

describe('tabular checkpoints', () => {
  it('a run resumed from epoch 5 ends on the uninterrupted run: same curve after epoch 5, same weights and metrics', async () => {
    const config = cfg();
    const straight = await train(prepared, config);
    expect(straight.checkpoints.map((c) => c.epoch)).toEqual([5, 10]);
    // taking checkpoints leaks nothing: the tensor count stays flat across epochs
    expect(new Set(straight.epochs.map((e) => e.numTensors)).size).toBe(1);
    const cp = straight.checkpoints[0];
    expect(checkpointBytes(cp)).toBeGreaterThan(0);
    expect(checkpointTransferables(cp).length).toBeGreaterThan(0);

    const before = tf.memory().numTensors;
    const resumed = await train(prepared, config, cp);
    expect(tf.memory().numTensors).toBe(before);
    expect(resumed.epochs.map((e) => e.epoch)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(resumed.epochs[0].numTensors).toBe(straight.epochs[0].numTensors);
    expect(resumed.checkpoints.map((c) => c.epoch)).toEqual([10]);
    const weightDiff = maxAbsDiff(resumed.weights, straight.weights);
    const lossDiff = Math.max(...resumed.epochs.map((e, i) => Math.abs(e.valLoss - straight.epochs[i + 5].valLoss) + Math.abs(e.trainLoss - straight.epochs[i + 5].trainLoss)));
    const finalDiff = metricDiff(resumed.trained.finalMetrics, straight.trained.finalMetrics);
    console.info(`resumed vs uninterrupted: max |Δweight| ${weightDiff}, max |Δloss| ${lossDiff}, max |Δmetric| ${finalDiff}`);
    expect(weightDiff).toBeLessThanOrEqual(1e-6);
    expect(lossDiff).toBeLessThanOrEqual(1e-6);
    expect(finalDiff).toBeLessThanOrEqual(1e-6);
    expect(resumed.trained.fit.bestEpoch).toBe(straight.trained.fit.bestEpoch);
    expect(resumed.trained.fit.epochsRun).toBe(12);
  });

  it('with dropout on, a resumed TF.js run draws the masks the uninterrupted run would have drawn (the dropout stream is in the checkpoint)', async () => {
    const config = cfg({ dropout: 0.3 });
    const straight = await train(prepared, config);
    const cp = straight.checkpoints[0];
    expect(cp.dropoutRngState).toEqual(expect.any(Number));
    const resumed = await train(prepared, config, cp);
    expect(maxAbsDiff(resumed.weights, straight.weights)).toBeLessThanOrEqual(1e-6);
    // can fail: the stream restarted from its seed drops other units from epoch 6 on
    const restarted = await train(prepared, config, { ...cp, dropoutRngState: undefined });
    expect(maxAbsDiff(restarted.weights, straight.weights)).toBeGreaterThan(1e-4);
  });

  it('can fail: resuming without the optimizer state or the generator state ends elsewhere', async () => {
    const config = cfg();
    const straight = await train(prepared, config);
    const cp = straight.checkpoints[0];
    const freshAdam: NetCheckpoint = { ...cp, optimizer: { iterations: 0, slots: cp.optimizer.slots.map((s) => new Float32Array(s.length)), accBeta: [0.9, 0.999] } };
    const noAdam = await train(prepared, config, freshAdam);
    expect(maxAbsDiff(noAdam.weights, straight.weights)).toBeGreaterThan(1e-4);
    expect(Math.abs(noAdam.epochs[0].valLoss - straight.epochs[5].valLoss)).toBeGreaterThan(1e-6);
    const reseeded = await train(prepared, config, { ...cp, rngState: config.seed });
    expect(maxAbsDiff(reseeded.weights, straight.weights)).toBeGreaterThan(1e-4);
  });

  it('early stopping decides the same after a resume from any checkpoint, best weights included', async () => {
    // a wide MLP on 40 noisy rows overfits fast, so validation loss turns up and patience runs out
    const small = prepareTabular(
      cancer,
      { target: 'diagnosis', kind: 'binary', features: features(cancer, 'diagnosis') },
      { strategy: 'random', seed: 5, validationFraction: 0.9, testFraction: 0.03 },
      DEFAULT_PREPROCESS,
    );
    const config = cfg({ epochs: 300, hiddenUnits: [64, 64], l2: 0, learningRate: 0.05, checkpointEvery: 2, earlyStopping: { enabled: true, patience: 3, restoreBestWeights: true } });
    const straight = await train(small, config);
    expect(straight.trained.fit.reason).toBe('early-stopped');
    // checkpoints while patience was partly used up are the interesting ones
    const cps = straight.checkpoints.filter((c) => c.keeper.sinceBest > 0 || c.epoch === straight.checkpoints[straight.checkpoints.length - 1].epoch);
    expect(cps.length).toBeGreaterThan(0);
    for (const cp of cps) {
      const resumed = await train(small, config, cp);
      expect([resumed.trained.fit.reason, resumed.trained.fit.epochsRun, resumed.trained.fit.bestEpoch]).toEqual(['early-stopped', straight.trained.fit.epochsRun, straight.trained.fit.bestEpoch]);
      expect(maxAbsDiff(resumed.weights, straight.weights)).toBeLessThanOrEqual(1e-6);
      expect(metricDiff(resumed.trained.finalMetrics, straight.trained.finalMetrics)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('checkpoints a stop that lands between epochs, and refuses a checkpoint of another model', async () => {
    const stopped = await train(prepared, cfg({ checkpointEvery: 100 }), undefined, (n) => n >= 3);
    expect(stopped.trained.fit.reason).toBe('user-stopped');
    expect(stopped.checkpoints.map((c) => c.epoch)).toEqual([3]);
    const before = tf.memory().numTensors;
    await expect(trainTabular(prepared, cfg({ hiddenUnits: [8] }), {}, stopped.checkpoints[0])).rejects.toThrow(/does not fit this model/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
