import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { careerPaths } from '../../../../proxy/src/demo/careers';
import { jsKernels } from '../../engine/js-kernels';
import { createNodeWasmKernels } from '../../engine/wasm/kernels-wasm-node';
import type { NetCheckpoint } from '../checkpoint';
import type { CpuTrainEngine } from '../../engine/train-engine';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceModelConfig } from './config';
import { historyFrame } from './test-data';
import { prepareSequence, trainSequence, type PreparedSequence, type SequenceEpochSummary } from './train-sequence';

const source = { shape: 'json', idColumn: 'id', historyColumn: 'work_history' } as const;

/** A few hundred histories cut to 192 training prefixes (6 steps an epoch): seconds per run on every engine. */
function prepared(entities: number): PreparedSequence {
  const p = prepareSequence(historyFrame(careerPaths(entities)), defaultSequenceData(source), 'candidates');
  return { ...p, rows: { train: p.rows.train.slice(0, 192), validation: p.rows.validation.slice(0, 96), test: p.rows.test.slice(0, 96) } };
}

let p: PreparedSequence;
beforeAll(async () => {
  await tf.setBackend('cpu');
  p = prepared(400);
});

const config = (over: Partial<SequenceModelConfig> = {}): SequenceModelConfig => ({
  ...DEFAULT_SEQUENCE_MODEL,
  embeddingDim: 8,
  hiddenUnits: 8,
  batchSize: 32,
  epochs: 5,
  dropout: 0.2,
  // restore-best on with patience that never runs out: the kept weights come from the keeper's state in the checkpoint
  earlyStopping: { enabled: true, patience: 50, restoreBestWeights: true },
  ...over,
});

interface Outcome {
  epochs: SequenceEpochSummary[];
  checkpoints: NetCheckpoint[];
  weights: Float32Array[];
  metrics: Record<string, number>;
  epochsRun: number;
  bestEpoch: number;
}

async function run(engine: CpuTrainEngine, c: SequenceModelConfig, resume?: NetCheckpoint, data = p): Promise<Outcome> {
  const epochs: SequenceEpochSummary[] = [];
  const checkpoints: NetCheckpoint[] = [];
  const t = await trainSequence(data, c, { onEpoch: (e) => void epochs.push(e), onCheckpoint: (cp) => void checkpoints.push(cp) }, engine, resume);
  const weights = t.model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  t.model.dispose();
  const v = t.report.validation;
  const te = t.report.test;
  return { epochs, checkpoints, weights, metrics: { top1: v.top1, top5: v.top5, tenure: v.tenureMae, hire: v.hireAuc, loss: v.losses.total, testTop1: te.top1, testLoss: te.losses.total }, epochsRun: t.fit.epochsRun, bestEpoch: t.fit.bestEpoch };
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  expect(a.map((x) => x.length)).toEqual(b.map((x) => x.length));
  let m = 0;
  a.forEach((x, i) => x.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

const engines: [string, CpuTrainEngine][] = [
  ['TF.js (cpu backend)', { kind: 'tfjs' }],
  ["Kiln's engine, JS kernels", { kind: 'kiln', kernels: () => jsKernels }],
  ["Kiln's engine, WASM kernels", { kind: 'kiln', kernels: createNodeWasmKernels }],
];

describe('sequence checkpoints', () => {
  for (const [name, engine] of engines) {
    it(`${name}: a run resumed from its epoch-2 checkpoint (dropout, restore-best on) ends exactly where the uninterrupted run ends`, async () => {
      const c = config();
      const fresh = tf.memory().numTensors;
      const straight = await run(engine, c);
      // (building the functional LSTM model keeps a few tensors past its dispose, resumed or not)
      const straightKept = tf.memory().numTensors - fresh;
      // one after each epoch but the last
      expect(straight.checkpoints.map((cp) => cp.epoch)).toEqual([1, 2, 3, 4]);
      const cp = straight.checkpoints[1];
      expect(cp.dropoutRngState).toEqual(expect.any(Number));
      expect(cp.dataKey).toMatch(/^[0-9a-f]{8}$/);
      const before = tf.memory().numTensors;
      const resumed = await run(engine, c, cp);
      expect(tf.memory().numTensors - before, 'a resume keeps no more tensors than a fresh run').toBe(straightKept);
      expect(resumed.epochs.map((e) => e.epoch)).toEqual([3, 4, 5]);
      expect(resumed.checkpoints.map((x) => x.epoch)).toEqual([3, 4]);
      const lossDiff = Math.max(...resumed.epochs.map((e, i) => Math.abs(e.train.total - straight.epochs[i + 2].train.total) + Math.abs(e.val.total - straight.epochs[i + 2].val.total)));
      const weightDiff = maxAbsDiff(resumed.weights, straight.weights);
      console.info(`${name}: resumed vs uninterrupted, max |Δweight| ${weightDiff}, max |Δepoch loss| ${lossDiff}`);
      // bit for bit: the same operations in the same order from the same state
      expect(weightDiff).toBe(0);
      expect(lossDiff).toBe(0);
      expect(resumed.metrics).toEqual(straight.metrics);
      expect([resumed.epochsRun, resumed.bestEpoch]).toEqual([straight.epochsRun, straight.bestEpoch]);

      // can fail: the same checkpoint without its generator and dropout states ends elsewhere
      const reseeded = await run(engine, c, { ...cp, rngState: c.seed, dropoutRngState: undefined });
      expect(maxAbsDiff(reseeded.weights, straight.weights)).toBeGreaterThan(1e-5);
    });
  }

  it('refuses a checkpoint of other data or another model config, on either engine', async () => {
    const straight = await run({ kind: 'tfjs' }, config({ epochs: 2 }));
    const cp = straight.checkpoints[0];
    const other = prepared(300);
    for (const engine of [engines[0][1], engines[2][1]]) {
      const otherRows = { ...other, rows: { ...other.rows, train: other.rows.train.slice(0, 160) } };
      await expect(run(engine, config(), cp, otherRows)).rejects.toThrow('the checkpoint was taken on 192 training examples, this data has 160');
      // as many prefixes, other histories: the data fingerprint tells them apart
      await expect(run(engine, config(), cp, other)).rejects.toThrow('the checkpoint was taken on other training data');
      await expect(run(engine, config({ hiddenUnits: 12 }), cp)).rejects.toThrow('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
    }
  });
});
