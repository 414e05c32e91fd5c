import { describe, expect, it } from 'vitest';
import type { FitArrays } from '../models/dense-fit';
import { calibrate, calibrationWeights, cpuDenseStepRate } from './calibration';
import { denseLayout, type DenseNetSpec } from './dense-net';
import { jsKernels } from './js-kernels';
import { randomArray, randomTargets } from './test-helpers';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';

const wide: DenseNetSpec = { inputDim: 64, hidden: [256, 256], activation: 'relu', outputDim: 10, dropout: 0.1, l2: 0, task: 'multiclass' };
const data: FitArrays = { xTrain: randomArray(600 * 64, 1), yTrain: randomTargets('multiclass', 600, 10, 2), nTrain: 600, xVal: new Float32Array(0), yVal: new Float32Array(0), nVal: 0, inputDim: 64, targetWidth: 10 };
const budget = { ms: 60, maxSteps: 40 };

describe('engine calibration', () => {
  it('measures real engines on the run’s model and picks the fastest: WASM SIMD over plain JS loops on a 256-wide MLP', async () => {
    const js = { runsOn: 'js', threads: 1, rate: () => cpuDenseStepRate(wide, data, 128, () => jsKernels, budget) };
    const wasm = { runsOn: 'wasm-simd', threads: 1, rate: () => cpuDenseStepRate(wide, data, 128, createNodeWasmKernels, budget) };
    // JS first: the pick must come from the measurements, not from the order
    const r = await calibrate([js, wasm]);
    expect(r.pick).toBe(1);
    expect(r.entries.map((e) => e.runsOn)).toEqual(['js', 'wasm-simd']);
    const [jsRate, wasmRate] = r.entries.map((e) => e.samplesPerSec!);
    expect(jsRate).toBeGreaterThan(0);
    // the SIMD GEMM is several times the scalar loops' speed at these widths
    expect(wasmRate).toBeGreaterThan(2 * jsRate);
    expect(r.ms).toBeGreaterThan(0);
  });

  it('records a failing engine with its error and never picks it', async () => {
    const broken = { runsOn: 'webgpu', threads: 1, adapter: 'test adapter', rate: () => Promise.reject(new Error('device lost')) };
    const wasm = { runsOn: 'wasm-simd', threads: 1, rate: () => cpuDenseStepRate(wide, data, 32, createNodeWasmKernels, { ms: 10, maxSteps: 5 }) };
    const r = await calibrate([broken, wasm]);
    expect(r.pick).toBe(1);
    expect(r.entries[0]).toEqual({ runsOn: 'webgpu', threads: 1, adapter: 'test adapter', samplesPerSec: null, error: 'device lost' });
    const nan = await calibrate([{ runsOn: 'x', threads: 1, rate: () => Promise.resolve(Number.NaN) }, wasm]);
    expect(nan.pick).toBe(1);
    expect(nan.entries[0].error).toMatch(/NaN/);
  });

  it('a measurement stops at its step cap, wraps around the training rows and uses weights of the model’s layout', async () => {
    let steps = 0;
    const counting = async (m: WebAssembly.Memory) => {
      const k = await createNodeWasmKernels(m);
      return { ...k, adam: (...a: Parameters<typeof k.adam>) => (steps++, k.adam(...a)) };
    };
    // 600 rows at batch 256: the third step wraps to the start; 1 warm-up + 5 measured
    const r = await cpuDenseStepRate(wide, data, 256, counting, { ms: 1e9, maxSteps: 5 });
    expect(r).toBeGreaterThan(0);
    expect(steps).toBe(6);
    const w = calibrationWeights(wide);
    expect(w.length).toBe(denseLayout(wide).size);
    const first = denseLayout(wide).layers[0];
    const limit = Math.sqrt(6 / (first.inDim + first.outDim));
    expect(Math.max(...w.subarray(0, first.inDim * first.outDim).map(Math.abs))).toBeLessThanOrEqual(limit);
    // biases start at zero, as Keras' do
    expect(Array.from(w.subarray(first.bias, first.bias + first.outDim)).every((x) => x === 0)).toBe(true);
  });
});
