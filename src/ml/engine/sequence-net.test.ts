import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { headLosses } from '../models/sequence/batch-tensors';
import { buildSequenceModel } from '../models/sequence/build-model';
import { DEFAULT_SEQUENCE_MODEL } from '../models/sequence/config';
import { jsKernels } from './js-kernels';
import type { Kernels } from './kernels';
import type { SequenceTargets } from './sequence-loss';
import { SequenceNet } from './sequence-net';
import type { SequenceNetSpec } from './sequence-layout';
import { sequenceLoss64 } from './sequence-ref64';
import { maxRelativeError, randomArray } from './test-helpers';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';
import { MEASURING_KERNELS, Workspace } from './workspace';

const V = 7;
const T = 5;
const LENGTHS = [5, 3, 1, 2];
const B = LENGTHS.length;
const WEIGHTS = { tenure: 0.3, hire: 0.7 };
const CONFIGS: Omit<SequenceNetSpec, 'vocabSize'>[] = [
  { embeddingDim: 3, hiddenUnits: 4, layers: 1, bidirectional: true, dropout: 0 },
  { embeddingDim: 3, hiddenUnits: 4, layers: 2, bidirectional: true, dropout: 0 },
  { embeddingDim: 3, hiddenUnits: 4, layers: 1, bidirectional: false, dropout: 0 },
  { embeddingDim: 2, hiddenUnits: 3, layers: 2, bidirectional: false, dropout: 0 },
];
type Make = (m: WebAssembly.Memory) => Kernels | Promise<Kernels>;
const KERNELS: [string, Make][] = [
  ['js', () => jsKernels],
  ['wasm-simd', createNodeWasmKernels],
];

async function fixture(spec: SequenceNetSpec, make: Make, steps = T, batch = B) {
  const plan = (ws: Workspace, k: Kernels) => {
    const net = new SequenceNet(spec, k, steps, batch, ws);
    return { net, params: ws.alloc(net.layout.size), grad: ws.alloc(net.layout.size) };
  };
  const probe = Workspace.measure();
  plan(probe, MEASURING_KERNELS);
  const ws = Workspace.sized(probe.floats, 256);
  return plan(ws, await make(ws.memory!));
}

/** [B × T] ids right-padded to LENGTHS, titles 1..V−1 */
function idsOf(seed: number): Int32Array {
  const rng = mulberry32(seed);
  const ids = new Int32Array(B * T);
  LENGTHS.forEach((n, b) => {
    for (let t = 0; t < n; t++) ids[b * T + t] = 1 + Math.floor(rng() * (V - 1));
  });
  return ids;
}

function targetsOf(seed: number): SequenceTargets {
  const rng = mulberry32(seed);
  return {
    title: Int32Array.from({ length: B }, () => Math.floor(rng() * V)),
    tenure: Float32Array.from({ length: B }, (_, i) => (i === 1 ? 0 : rng() * 2 - 1)),
    // one censored tenure: the MSE's denominator counts known rows only
    tenureMask: Float32Array.from({ length: B }, (_, i) => (i === 1 ? 0 : 1)),
    hire: Float32Array.from({ length: B }, () => (rng() < 0.5 ? 1 : 0)),
  };
}

function centralDifferences(f: (p: Float64Array) => number, p: Float64Array, h = 1e-6): Float64Array {
  return Float64Array.from(p, (keep, i) => {
    p[i] = keep + h;
    const up = f(p);
    p[i] = keep - h;
    const down = f(p);
    p[i] = keep;
    return (up - down) / (2 * h);
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const label = (c: Omit<SequenceNetSpec, 'vocabSize'>) => `${c.layers} ${c.bidirectional ? 'BiLSTM' : 'LSTM'} layer(s), E=${c.embeddingDim}, H=${c.hiddenUnits}`;

describe('engine sequence net: gradients', () => {
  for (const [name, make] of KERNELS) {
    for (const c of CONFIGS) {
      it(`${name} kernels, ${label(c)}: every parameter's gradient equals float64 central differences (≤ 1e-4), with padded sequences`, async () => {
        const spec = { vocabSize: V, ...c };
        const f = await fixture(spec, make);
        f.params.set(randomArray(f.net.layout.size, 11, 0.7));
        const ids = idsOf(12);
        const t = targetsOf(13);
        f.net.forward(f.params, ids, B, T);
        const parts = f.net.backward(f.params, f.grad, t, WEIGHTS);
        const p64 = Float64Array.from(f.params);
        const loss = (p: Float64Array) => sequenceLoss64(spec, p, ids, B, T, t, WEIGHTS);
        expect(Math.abs(parts.total - loss(p64))).toBeLessThanOrEqual(1e-5 * Math.abs(loss(p64)));
        expect(maxRelativeError(f.grad, centralDifferences(loss, p64))).toBeLessThanOrEqual(1e-4);
        // the padding id's embedding row gets no gradient
        for (let j = 0; j < c.embeddingDim; j++) expect(f.grad[j]).toBe(0);
      });
    }
  }

  for (const c of CONFIGS) {
    it(`${label(c)}: head losses and gradients equal TF.js's on the same weights and batch (≤ 1e-4)`, async () => {
      const spec = { vocabSize: V, ...c };
      const f = await fixture(spec, createNodeWasmKernels);
      const model = buildSequenceModel({ vocabSize: V, tenureMean: 0, tenureStd: 1, config: { ...DEFAULT_SEQUENCE_MODEL, ...c } });
      const shapes = model.getWeights().map((w) => w.shape);
      expect(shapes.reduce((s, sh) => s + sh.reduce((a, b) => a * b, 1), 0)).toBe(f.net.layout.size);
      f.params.set(randomArray(f.net.layout.size, 21, 0.7));
      let at = 0;
      model.setWeights(shapes.map((sh) => tf.tensor(f.params.slice(at, (at += sh.reduce((a, b) => a * b, 1))), sh)));
      const ids = idsOf(22);
      const t = targetsOf(23);
      f.net.forward(f.params, ids, B, T);
      const parts = f.net.backward(f.params, f.grad, t, WEIGHTS);

      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const idsT = tf.tensor2d(ids, [B, T], 'int32');
      const tt = { title: tf.tensor1d(t.title, 'int32'), tenure: tf.tensor1d(t.tenure), tenureMask: tf.tensor1d(t.tenureMask), hire: tf.tensor1d(t.hire) };
      let tfParts: number[] = [];
      const { value, grads } = tf.variableGrads(() => {
        const p = tf.stack(headLosses(model.apply(idsT, { training: true }) as tf.Tensor[], tt, V));
        tfParts = Array.from(p.dataSync());
        return tf.sum(tf.mul(p, tf.tensor1d([1, WEIGHTS.tenure, WEIGHTS.hire]))) as tf.Scalar;
      }, vars);
      expect(maxRelativeError([parts.title, parts.tenure, parts.hire], tfParts)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(parts.total - value.dataSync()[0]) / value.dataSync()[0]).toBeLessThanOrEqual(1e-4);
      const tfGrad = Float32Array.from(vars.flatMap((v) => Array.from(grads[v.name].dataSync())));
      expect(maxRelativeError(f.grad, tfGrad)).toBeLessThanOrEqual(1e-4);
      tf.dispose([idsT, value, ...Object.values(tt), ...Object.values(grads)]);
      model.dispose();
    });
  }
});

describe('engine sequence net: masking and dropout', () => {
  it('a right-padded batch gives each sequence the head outputs it has run alone (≤ 1e-5), for a 2-layer BiLSTM', async () => {
    const spec = { vocabSize: V, ...CONFIGS[1] };
    const f = await fixture(spec, createNodeWasmKernels);
    f.params.set(randomArray(f.net.layout.size, 31, 0.7));
    const ids = idsOf(32);
    f.net.forward(f.params, ids, B, T);
    const batched = { logits: f.net.logits.slice(0, B * V), tenure: f.net.tenure.slice(0, B), hire: f.net.hire.slice(0, B) };
    for (let b = 0; b < B; b++) {
      const n = LENGTHS[b];
      const alone = await fixture(spec, createNodeWasmKernels, n, 1);
      alone.params.set(f.params);
      alone.net.forward(alone.params, ids.slice(b * T, b * T + n), 1, n);
      expect(maxRelativeError(batched.logits.subarray(b * V, (b + 1) * V), alone.net.logits.subarray(0, V))).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(batched.tenure[b] - alone.net.tenure[0])).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(batched.hire[b] - alone.net.hire[0])).toBeLessThanOrEqual(1e-5);
    }
  });

  it('dropout is off without an rng; with one it drops about its rate, scales kept units by 1/(1 − rate), and the gradient of the masked net equals float64 differences (≤ 1e-4)', async () => {
    const spec = { vocabSize: V, ...CONFIGS[0], dropout: 0.3 };
    const f = await fixture(spec, createNodeWasmKernels);
    f.params.set(randomArray(f.net.layout.size, 41, 0.7));
    const ids = idsOf(42);
    const t = targetsOf(43);
    f.net.forward(f.params, ids, B, T);
    const plain = f.net.logits.slice(0, B * V);
    const noDrop = await fixture({ ...spec, dropout: 0 }, createNodeWasmKernels);
    noDrop.params.set(f.params);
    noDrop.net.forward(noDrop.params, ids, B, T);
    expect(maxRelativeError(plain, noDrop.net.logits.subarray(0, B * V))).toBe(0);

    const rng = mulberry32(44);
    let dropped = 0;
    let total = 0;
    for (let rep = 0; rep < 50; rep++) {
      f.net.forward(f.params, ids, B, T, rng);
      for (const m of f.net.dropMask.subarray(0, B * 8)) {
        expect([0, Math.fround(1 / 0.7)]).toContain(m);
        dropped += m === 0 ? 1 : 0;
        total++;
      }
    }
    expect(dropped / total).toBeGreaterThan(0.2);
    expect(dropped / total).toBeLessThan(0.4);
    f.net.backward(f.params, f.grad, t, WEIGHTS);
    const mask = Float64Array.from(f.net.dropMask.subarray(0, B * 8));
    const loss = (p: Float64Array) => sequenceLoss64(spec, p, ids, B, T, t, WEIGHTS, mask);
    expect(maxRelativeError(f.grad, centralDifferences(loss, Float64Array.from(f.params)))).toBeLessThanOrEqual(1e-4);
  });
});
