import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { Adam } from '../adam';
import type { DenseNetSpec } from '../dense-net';
import { jsKernels } from '../js-kernels';
import type { Kernels } from '../kernels';
import { denseFixture, randomArray } from '../test-helpers';
import { Workspace } from '../workspace';
import { BiasCorrection, drawMasks } from './step-inputs';

describe("the WebGPU engine's host-side step inputs", () => {
  it("BiasCorrection hands out adam.ts's c1, c2 bit for bit, and continues from an exported accBeta as Adam does", () => {
    const seen: [number, number][] = [];
    const spy: Kernels = { ...jsKernels, adam: (...a) => void seen.push([a[9], a[10]]) };
    const adam = new Adam(spy, 4, Workspace.sized(64), { learningRate: 0.01 });
    const p = new Float32Array(4);
    const bias = new BiasCorrection();
    const ours: [number, number][] = [];
    for (let t = 0; t < 300; t++) {
      adam.step(p, p);
      ours.push(bias.next());
    }
    expect(ours).toEqual(seen);
    const a = adam.exportState();
    expect(bias.accBeta).toEqual(a.accBeta);
    expect(bias.step).toBe(a.step);
    const resumed = new BiasCorrection(a.step, a.accBeta);
    adam.step(p, p);
    expect(resumed.next()).toEqual(seen[seen.length - 1]);
  });

  it('drawMasks draws the masks DenseNet.forward draws from the same generator (order and values)', () => {
    const spec: DenseNetSpec = { inputDim: 5, hidden: [7, 3], activation: 'relu', outputDim: 2, dropout: 0.3, l2: 0, task: 'multiclass' };
    const rows = 11;
    const { net, params } = denseFixture(spec, jsKernels, rows, 2);
    net.input.set(randomArray(rows * 5, 3));
    const cpuRng = mulberry32(42);
    net.forward(params, rows, cpuRng);
    const masks = spec.hidden.map((w) => new Float32Array(rows * w));
    const gpuRng = mulberry32(42);
    drawMasks(spec, rows, gpuRng, masks);
    masks.forEach((m, l) => expect(Array.from(m)).toEqual(Array.from(net.masks[l].subarray(0, rows * spec.hidden[l]))));
    expect(gpuRng.state()).toBe(cpuRng.state());
    expect(masks.some((m) => m.some((v) => v === 0))).toBe(true);
  });
});
