import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsKernels } from '../../engine/js-kernels';
import { createNodeWasmKernels } from '../../engine/wasm/kernels-wasm-node';
import type { NetCheckpoint } from '../checkpoint';
import type { TrainEngine } from '../../engine/train-engine';
import { DEFAULT_RANKER, type RankerConfig } from './config';
import type { RankerEpochReport } from './fit-ranker';
import type { LabeledPairs } from './pair-split';
import { syntheticPairs, syntheticPool } from './synthetic';
import { trainRanker, type RankerPool } from './train-ranker';

const base = syntheticPool(120, 12, 7);
const pool: RankerPool = { ...base, featureNames: [], metricCount: 0, relevance: null };
const pairs = syntheticPairs(base, 400, 0.1, 11);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = (over: Partial<RankerConfig> = {}): RankerConfig => ({
  ...DEFAULT_RANKER,
  hiddenLayers: 2,
  hiddenUnits: 16,
  dropout: 0.2,
  batchSize: 32,
  epochs: 6,
  // restore-best on with patience that never runs out: the kept weights come from the keeper's state in the checkpoint
  earlyStopping: { ...DEFAULT_RANKER.earlyStopping, enabled: true, patience: 50, restoreBestWeights: true },
  ...over,
});

interface Outcome {
  epochs: RankerEpochReport[];
  checkpoints: NetCheckpoint[];
  weights: Float32Array[];
  scores: Float32Array;
  metrics: Record<string, number>;
  epochsRun: number;
  bestEpoch: number;
}

async function run(engine: TrainEngine, c: RankerConfig, resume?: NetCheckpoint, p: LabeledPairs = pairs): Promise<Outcome> {
  const epochs: RankerEpochReport[] = [];
  const checkpoints: NetCheckpoint[] = [];
  const t = await trainRanker(pool, p, c, { onEpoch: (e) => void epochs.push(e), onCheckpoint: (cp) => void checkpoints.push(cp) }, engine, resume);
  const weights = t.model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  t.model.dispose();
  const v = t.report.validation;
  return { epochs, checkpoints, weights, scores: t.scores, metrics: { accuracy: v.accuracy, tau: v.kendallTau, loss: v.loss, train: t.report.train.accuracy }, epochsRun: t.fit.epochsRun, bestEpoch: t.fit.bestEpoch };
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  expect(a.map((x) => x.length)).toEqual(b.map((x) => x.length));
  let m = 0;
  a.forEach((x, i) => x.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

const engines: [string, TrainEngine][] = [
  ['TF.js (cpu backend)', { kind: 'tfjs' }],
  ["Kiln's engine, JS kernels", { kind: 'kiln', kernels: () => jsKernels }],
  ["Kiln's engine, WASM kernels", { kind: 'kiln', kernels: createNodeWasmKernels }],
];

describe('ranker checkpoints', () => {
  for (const [name, engine] of engines) {
    it(`${name}: a run resumed from its epoch-3 checkpoint (dropout, restore-best on) ends exactly where the uninterrupted run ends`, async () => {
      const c = config();
      const straight = await run(engine, c);
      expect(straight.checkpoints.map((cp) => cp.epoch)).toEqual([1, 2, 3, 4, 5]);
      const cp = straight.checkpoints[2];
      expect(cp.dropoutRngState).toEqual(expect.any(Number));
      const before = tf.memory().numTensors;
      const resumed = await run(engine, c, cp);
      expect(tf.memory().numTensors).toBe(before);
      expect(resumed.epochs.map((e) => e.epoch)).toEqual([4, 5, 6]);
      expect(resumed.checkpoints.map((x) => x.epoch)).toEqual([4, 5]);
      const lossDiff = Math.max(...resumed.epochs.map((e, i) => Math.abs(e.trainLoss - straight.epochs[i + 3].trainLoss) + Math.abs(e.valLoss - straight.epochs[i + 3].valLoss)));
      const weightDiff = maxAbsDiff(resumed.weights, straight.weights);
      console.info(`${name}: resumed vs uninterrupted, max |Δweight| ${weightDiff}, max |Δepoch loss| ${lossDiff}`);
      // bit for bit: the same operations in the same order from the same state
      expect(weightDiff).toBe(0);
      expect(lossDiff).toBe(0);
      expect(Array.from(resumed.scores)).toEqual(Array.from(straight.scores));
      expect(resumed.metrics).toEqual(straight.metrics);
      expect([resumed.epochsRun, resumed.bestEpoch]).toEqual([straight.epochsRun, straight.bestEpoch]);

      // can fail: the same checkpoint without its Adam state ends elsewhere
      const freshAdam: NetCheckpoint = { ...cp, optimizer: { iterations: 0, slots: cp.optimizer.slots.map((s) => new Float32Array(s.length)), accBeta: [0.9, 0.999] } };
      expect(maxAbsDiff((await run(engine, c, freshAdam)).weights, straight.weights)).toBeGreaterThan(1e-5);
    });
  }

  it('refuses a checkpoint of other labels or another scorer, on either engine, before allocating anything', async () => {
    const cp = (await run({ kind: 'tfjs' }, config({ epochs: 2 }))).checkpoints[0];
    // as many pairs, one label flipped: the labels changed since the checkpoint
    const flipped: LabeledPairs = { ...pairs, y: Int8Array.from(pairs.y, (v, i) => (i === 0 ? -v || 1 : v)) };
    const fewer: LabeledPairs = { a: pairs.a.slice(0, 300), b: pairs.b.slice(0, 300), y: pairs.y.slice(0, 300) };
    for (const [, engine] of [engines[0], engines[2]]) {
      const before = tf.memory().numTensors;
      await expect(run(engine, config(), cp, flipped)).rejects.toThrow('the checkpoint was taken on other training data');
      await expect(run(engine, config(), cp, fewer)).rejects.toThrow(/^the checkpoint was taken on \d+ training examples, this data has \d+$/);
      await expect(run(engine, config({ hiddenUnits: 8 }), cp)).rejects.toThrow('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
      // another seed: as many training pairs, but other batches (the split is seeded too)
      await expect(run(engine, config({ seed: 5 }), cp)).rejects.toThrow("the checkpoint's batch order does not follow from this run's seed: it was taken from another run");
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
