import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RANKER, type RankerConfig } from '../models/ranker/config';
import { fitRanker } from '../models/ranker/fit-ranker';
import { buildScorer, scoreRows } from '../models/ranker/scorer';
import { fitRankerOnEngine } from './fit-ranker-engine';
import { maxRelativeError, mixedPairs, randomArray } from './test-helpers';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';

const DIM = 7;
const POOL = 60;
const BATCH = 8;
const STEPS = 20;

const pairs = (n: number, seed: number) => mixedPairs(n, POOL, seed);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("the ranker on Kiln's engine against TF.js: same initial weights, same batches, 20 Adam steps", () => {
  for (const [hiddenLayers, dropout] of [[1, 0], [2, 0], [0, 0], [2, 0.3]] as const) {
    it(`${hiddenLayers} hidden layer(s)${dropout ? `, dropout ${dropout} (one mask stream for both engines)` : ''}: every step's loss, the kernels, the pool's scores and the validation pair loss agree to 1e-4`, async () => {
      const config: RankerConfig = { ...DEFAULT_RANKER, hiddenUnits: 16, hiddenLayers, dropout, weightDecay: 1e-3, learningRate: 0.01, batchSize: BATCH, epochs: 1, readsPerEpoch: STEPS, earlyStopping: { ...DEFAULT_RANKER.earlyStopping, enabled: false, restoreBestWeights: false } };
      const x = randomArray(POOL * DIM, 3);
      const p = pairs(BATCH * STEPS + 40, 5);
      const rows = { train: Int32Array.from({ length: BATCH * STEPS }, (_, i) => i), validation: Int32Array.from({ length: 40 }, (_, i) => BATCH * STEPS + i) };
      const model = buildScorer({ inputDim: DIM, featureNames: [], normalization: { mean: [], std: [] } as never, config });
      const initial = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
      const tfLosses: number[] = [];
      let tfVal = NaN;
      await fitRanker(model, x, DIM, p, rows, config, { onBatch: (b) => tfLosses.push(b.loss), onEpoch: (e) => void (tfVal = e.valLoss) });
      const tfWeights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));

      const kilnLosses: number[] = [];
      let kilnVal = NaN;
      const spec = { inputDim: DIM, hidden: Array(hiddenLayers).fill(16), activation: 'relu' as const, outputDim: 1, dropout, l2: config.weightDecay, task: 'regression' as const };
      const kiln = await fitRankerOnEngine(spec, initial, x, DIM, p, rows, config, createNodeWasmKernels, { onBatch: (b) => kilnLosses.push(b.loss), onEpoch: (e) => void (kilnVal = e.valLoss) });

      expect(kilnLosses.length).toBe(STEPS);
      for (let i = 0; i < STEPS; i++) expect(Math.abs(kilnLosses[i] - tfLosses[i]) / Math.max(Math.abs(tfLosses[i]), 1e-6), `step ${i + 1}`).toBeLessThanOrEqual(1e-4);
      // the kernels agree tensor by tensor; a hidden bias may not: the pairwise loss depends on score differences, so a
      // unit active for both items of most pairs gets a bias gradient that cancels to float32 noise, and Adam turns that
      // noise into steps of the learning rate's size. What the biases do is checked instead: the scores of the pool
      kiln.weights.forEach((w, i) => {
        if (i % 2 === 0) expect(maxRelativeError(w, tfWeights[i]), `kernel ${i / 2}`).toBeLessThanOrEqual(1e-4);
      });
      const tfScores = await scoreRows(model, x, DIM);
      const ts = kiln.weights.map((w, i) => tf.tensor(w, model.getWeights()[i].shape));
      model.setWeights(ts);
      tf.dispose(ts);
      expect(maxRelativeError(await scoreRows(model, x, DIM), tfScores)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(kilnVal - tfVal) / tfVal).toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(kiln.weights[0], initial[0])).toBeGreaterThan(1e-3);
      model.dispose();
    });
  }
});
