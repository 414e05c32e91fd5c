import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTabularModel, tabularSpec } from '../models/tabular/build-model';
import { defaultTabularConfig, outputWidth, type TabularConfig } from '../models/tabular/config';
import { fitTabular, type FitArrays } from '../models/tabular/train-loop';
import type { TaskKind } from '../task';
import { fitDense } from './fit-dense';
import { jsKernels } from './js-kernels';
import type { KernelFactory } from './fit-dense';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';
import { maxRelativeError, randomArray, randomTargets } from './test-helpers';

const BATCH = 8;
const STEPS = 20;

function arrays(kind: TaskKind, classes: number, d: number, seed: number): FitArrays {
  const w = outputWidth(kind, classes);
  const nTrain = BATCH * STEPS;
  const nVal = 30;
  return { xTrain: randomArray(nTrain * d, seed), yTrain: randomTargets(kind, nTrain, w, seed + 1), nTrain, xVal: randomArray(nVal * d, seed + 2), yVal: randomTargets(kind, nVal, w, seed + 3), nVal, inputDim: d, targetWidth: w };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("Kiln's engine against TF.js: same initial weights, same batches, 20 Adam steps", () => {
  const cases: { kind: TaskKind; classes: number; hidden: number[]; activation: TabularConfig['activation']; dropout?: number }[] = [
    { kind: 'binary', classes: 2, hidden: [16, 8], activation: 'relu' },
    { kind: 'multiclass', classes: 3, hidden: [16, 8], activation: 'tanh' },
    { kind: 'regression', classes: 0, hidden: [12], activation: 'elu' },
    { kind: 'ordinal', classes: 4, hidden: [10, 6], activation: 'selu' },
    { kind: 'binary', classes: 2, hidden: [], activation: 'relu' },
    // dropout on: TF.js's StepDropout and the engine draw their masks from one stream in the same order
    { kind: 'binary', classes: 2, hidden: [16, 8], activation: 'relu', dropout: 0.3 },
    { kind: 'multiclass', classes: 3, hidden: [16], activation: 'tanh', dropout: 0.2 },
  ];
  const kernelSets: [string, KernelFactory][] = [
    ['js', () => jsKernels],
    ['wasm-simd', createNodeWasmKernels],
  ];
  for (const [kname, makeKernels] of kernelSets)
  for (const c of cases) {
    it(`${kname} kernels, ${c.kind} ${c.hidden.length ? `MLP ${c.hidden.join('×')} ${c.activation}` : 'logistic'}${c.dropout ? `, dropout ${c.dropout}` : ''}: every step's loss and the final weights agree to 1e-4`, async () => {
      const d = 9;
      const data = arrays(c.kind, c.classes, d, 17);
      const config: TabularConfig = { ...defaultTabularConfig(), architecture: c.hidden.length ? 'mlp' : 'linear', hiddenUnits: c.hidden, activation: c.activation, dropout: c.dropout ?? 0, l2: 1e-3, learningRate: 0.01, batchSize: BATCH, epochs: 1, readsPerEpoch: STEPS, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
      const spec = tabularSpec(d, c.kind, c.classes, config);

      const ref = buildTabularModel(spec);
      const initial = ref.getWeights().map((w) => Float32Array.from(w.dataSync()));
      const tfLosses: number[] = [];
      const tfFit = await fitTabular(ref, c.kind, data, config, { onBatch: (b) => tfLosses.push(b.loss) });
      const tfWeights = ref.getWeights().map((w) => Float32Array.from(w.dataSync()));

      const kilnLosses: number[] = [];
      const kiln = await fitDense({ inputDim: d, hidden: c.hidden, activation: c.activation, outputDim: spec.outputDim, dropout: config.dropout, l2: config.l2, task: c.kind }, initial, c.kind, data, config, makeKernels, { onBatch: (b) => kilnLosses.push(b.loss) });

      expect(kilnLosses.length).toBe(STEPS);
      expect(tfLosses.length).toBe(STEPS);
      for (let i = 0; i < STEPS; i++) expect(Math.abs(kilnLosses[i] - tfLosses[i]) / Math.abs(tfLosses[i]), `step ${i + 1}`).toBeLessThanOrEqual(1e-4);
      kiln.weights.forEach((w, i) => expect(maxRelativeError(w, tfWeights[i]), `weight ${i}`).toBeLessThanOrEqual(1e-4));
      expect(Math.abs(kiln.bestValLoss - tfFit.bestValLoss) / tfFit.bestValLoss).toBeLessThanOrEqual(1e-4);
      // the weights moved: a loop that never updated would pass the comparisons above only if TF.js did not move either
      expect(maxRelativeError(kiln.weights[0], initial[0])).toBeGreaterThan(1e-2);
      ref.dispose();
    });
  }
});
