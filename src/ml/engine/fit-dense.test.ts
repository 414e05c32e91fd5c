import { describe, expect, it } from 'vitest';
import { defaultTabularConfig, type TabularConfig } from '../models/tabular/config';
import type { NetCheckpoint } from '../models/checkpoint';
import type { FitArrays } from '../models/dense-fit';
import { denseLayout, type DenseNetSpec } from './dense-net';
import { fitDense } from './fit-dense';
import { randomArray, randomTargets } from './test-helpers';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';

const spec: DenseNetSpec = { inputDim: 6, hidden: [12, 8], activation: 'relu', outputDim: 1, dropout: 0.2, l2: 1e-3, task: 'binary' };
const data: FitArrays = { xTrain: randomArray(200 * 6, 1), yTrain: randomTargets('binary', 200, 1, 2), nTrain: 200, xVal: randomArray(50 * 6, 3), yVal: randomTargets('binary', 50, 1, 4), nVal: 50, inputDim: 6, targetWidth: 1 };
const config: TabularConfig = { ...defaultTabularConfig(), hiddenUnits: [12, 8], dropout: 0.2, batchSize: 16, epochs: 8, checkpointEvery: 3, earlyStopping: { enabled: true, patience: 50, restoreBestWeights: true } };

function initial(): Float32Array[] {
  const layout = denseLayout(spec);
  return layout.layers.flatMap((L, i) => [randomArray(L.inDim * L.outDim, 10 + i, 0.4), new Float32Array(L.outDim)]);
}

describe('fitDense', () => {
  it('a run resumed from its epoch-3 checkpoint (dropout on, restore-best on) ends bit for bit where the uninterrupted run ends', async () => {
    const whole = await fitDense(spec, initial(), 'binary', data, config, createNodeWasmKernels);
    let cp: NetCheckpoint | null = null;
    const first = await fitDense(spec, initial(), 'binary', data, config, createNodeWasmKernels, {
      onCheckpoint: (c) => {
        if (c.epoch === 3) cp = c;
      },
      shouldStop: () => cp !== null,
    });
    expect(first.reason).toBe('user-stopped');
    expect(cp).not.toBeNull();
    const resumed = await fitDense(spec, initial(), 'binary', data, config, createNodeWasmKernels, {}, cp!);
    expect(resumed.epochsRun).toBe(whole.epochsRun);
    expect(resumed.bestEpoch).toBe(whole.bestEpoch);
    expect(resumed.bestValLoss).toBe(whole.bestValLoss);
    resumed.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(whole.weights[i])));
  });

  it('keeps its memory flat: one memory, sized once, whatever the number of epochs', async () => {
    const short = await fitDense(spec, initial(), 'binary', data, { ...config, epochs: 1 }, createNodeWasmKernels);
    const long = await fitDense(spec, initial(), 'binary', data, { ...config, epochs: 6 }, createNodeWasmKernels);
    expect(long.memoryBytes).toBe(short.memoryBytes);
  });

  it('a non-finite loss stops the run with the last good weights, as the TF.js loop does', async () => {
    // epochs 1–2 train on finite rows; from epoch 3 one row is NaN (the loop reads a fresh view each step)
    const x = Float32Array.from(data.xTrain);
    let epochs = 0;
    const r = await fitDense({ ...spec, dropout: 0 }, initial(), 'binary', { ...data, xTrain: x }, { ...config, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } }, createNodeWasmKernels, {
      onEpoch: () => {
        if (++epochs === 2) x[7] = NaN;
      },
    });
    expect(r.reason).toBe('non-finite-loss');
    expect(r.epochsRun).toBe(3);
    expect(r.message).toMatch(/NaN in epoch 3/);
    expect(r.weights.every((w) => w.every(Number.isFinite))).toBe(true);
  });
});
