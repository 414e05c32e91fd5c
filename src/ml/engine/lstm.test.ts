import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LstmLayer, lstmLayout } from './lstm';
import { maxRelativeError, randomArray } from './test-helpers';
import { MEASURING_KERNELS, Workspace } from './workspace';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';
import { jsKernels } from './js-kernels';
import type { Kernels } from './kernels';

const D = 3;
const H = 4;
const T = 5;
const B = 3;

async function fixture(makeKernels: (m: WebAssembly.Memory) => Kernels | Promise<Kernels>, steps = T, batch = B) {
  const layout = lstmLayout(D, H);
  const plan = (ws: Workspace, k: Kernels) => ({ params: ws.alloc(layout.size), grad: ws.alloc(layout.size), x: ws.alloc(steps * batch * D), mask: ws.alloc(steps * batch), dOut: ws.alloc(steps * batch * H), dx: ws.alloc(steps * batch * D), layer: new LstmLayer(layout, k, steps, batch, ws) });
  const probe = Workspace.measure();
  plan(probe, MEASURING_KERNELS);
  const ws = Workspace.sized(probe.floats, 256);
  return { layout, ...plan(ws, await makeKernels(ws.memory!)) };
}

/** An independent float64 LSTM (sigmoid gates, masked steps carry the state): Σ_t Σ h_t ⊙ R. */
function loss64(p: ArrayLike<number>, x: ArrayLike<number>, mask: ArrayLike<number>, r: ArrayLike<number>, steps: number, batch: number): number {
  const L = lstmLayout(D, H);
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  let total = 0;
  for (let b = 0; b < batch; b++) {
    let h = new Array(H).fill(0);
    let c = new Array(H).fill(0);
    for (let t = 0; t < steps; t++) {
      const row = t * batch + b;
      if (mask[row] !== 0) {
        const z = new Array(4 * H).fill(0).map((_, j) => {
          let s = p[L.bias + j];
          for (let i = 0; i < D; i++) s += x[row * D + i] * p[L.kernel + i * 4 * H + j];
          for (let i = 0; i < H; i++) s += h[i] * p[L.recurrent + i * 4 * H + j];
          return s;
        });
        const nc = c.map((cv, j) => sig(z[H + j]) * cv + sig(z[j]) * Math.tanh(z[2 * H + j]));
        h = nc.map((cv, j) => sig(z[3 * H + j]) * Math.tanh(cv));
        c = nc;
      }
      for (let j = 0; j < H; j++) total += h[j] * r[row * H + j];
    }
  }
  return total;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('engine LSTM', () => {
  // lengths 5, 3 and 1, right-padded: masked steps carry the state
  const lengths = [5, 3, 1];
  const maskOf = () => Float32Array.from({ length: T * B }, (_, i) => (Math.floor(i / B) < lengths[i % B] ? 1 : 0));

  for (const [name, make] of [['js', () => jsKernels], ['wasm-simd', createNodeWasmKernels]] as const) {
    it(`${name} kernels: gradients of weights and inputs equal float64 central differences (≤ 1e-4), with masking`, async () => {
      const f = await fixture(make);
      f.params.set(randomArray(f.layout.size, 1, 0.6));
      f.x.set(randomArray(T * B * D, 2));
      f.mask.set(maskOf());
      const r = randomArray(T * B * H, 3);
      f.dOut.set(r);
      f.layer.forward(f.params, f.x, f.mask, T, B);
      f.grad.fill(0);
      f.layer.backward(f.params, f.grad, f.x, f.mask, f.dOut, T, B, f.dx);
      const p64 = Float64Array.from(f.params);
      const x64 = Float64Array.from(f.x);
      const fd = (arr: Float64Array, i: number) => {
        const keep = arr[i];
        arr[i] = keep + 1e-6;
        const up = loss64(p64, x64, f.mask, r, T, B);
        arr[i] = keep - 1e-6;
        const down = loss64(p64, x64, f.mask, r, T, B);
        arr[i] = keep;
        return (up - down) / 2e-6;
      };
      expect(maxRelativeError(f.grad, Array.from(p64, (_, i) => fd(p64, i)))).toBeLessThanOrEqual(1e-4);
      const dxRef = Array.from(x64, (_, i) => fd(x64, i));
      expect(maxRelativeError(f.dx, dxRef)).toBeLessThanOrEqual(1e-4);
      // padded steps get no input gradient
      for (let row = 0; row < T * B; row++) if (f.mask[row] === 0) for (let i = 0; i < D; i++) expect(f.dx[row * D + i]).toBe(0);
    });
  }

  it("outputs and gradients equal TF.js's LSTM layer (sigmoid gates) on the same weights, inputs and mask (≤ 1e-4)", async () => {
    const f = await fixture(createNodeWasmKernels);
    f.params.set(randomArray(f.layout.size, 4, 0.6));
    f.x.set(randomArray(T * B * D, 5));
    f.mask.set(maskOf());
    const r = randomArray(T * B * H, 6);
    f.dOut.set(r);
    const out = Float32Array.from(f.layer.forward(f.params, f.x, f.mask, T, B));
    f.grad.fill(0);
    f.layer.backward(f.params, f.grad, f.x, f.mask, f.dOut, T, B, f.dx);

    const layer = tf.layers.lstm({ units: H, returnSequences: true, recurrentActivation: 'sigmoid' });
    // time-major → batch-major
    const bm = (a: Float32Array, w: number) => {
      const o = new Float32Array(a.length);
      for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) o.set(a.subarray((t * B + b) * w, (t * B + b + 1) * w), (b * T + t) * w);
      return o;
    };
    const xT = tf.variable(tf.tensor3d(bm(f.x, D), [B, T, D]));
    const maskT = tf.tensor2d(bm(f.mask, 1), [B, T]);
    const rT = tf.tensor3d(bm(r, H), [B, T, H]);
    // the first apply builds the layer's weights, which then get the engine's
    tf.dispose(layer.apply(xT, { mask: maskT }) as tf.Tensor);
    const L = f.layout;
    layer.setWeights([tf.tensor2d(f.params.slice(L.kernel, L.recurrent), [D, 4 * H]), tf.tensor2d(f.params.slice(L.recurrent, L.bias), [H, 4 * H]), tf.tensor1d(f.params.slice(L.bias, L.size))]);
    const vars = [...layer.trainableWeights.map((w) => w.read() as tf.Variable), xT];
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xT, { mask: maskT }) as tf.Tensor, rT)) as tf.Scalar, vars);
    const tfOut = tf.tidy(() => (layer.apply(xT, { mask: maskT }) as tf.Tensor).dataSync() as Float32Array);
    expect(maxRelativeError(bm(out, H), tfOut)).toBeLessThanOrEqual(1e-4);
    const tfGrad = Float32Array.from([...grads[vars[0].name].dataSync(), ...grads[vars[1].name].dataSync(), ...grads[vars[2].name].dataSync()]);
    expect(maxRelativeError(f.grad, tfGrad)).toBeLessThanOrEqual(1e-4);
    expect(maxRelativeError(bm(f.dx, D), grads[xT.name].dataSync())).toBeLessThanOrEqual(1e-4);
    tf.dispose([xT, maskT, rT, value, ...Object.values(grads)]);
  });

  it('a right-padded batch gives each sequence the outputs it has when run alone (≤ 1e-5)', async () => {
    const f = await fixture(createNodeWasmKernels);
    f.params.set(randomArray(f.layout.size, 7, 0.6));
    f.x.set(randomArray(T * B * D, 8));
    f.mask.set(maskOf());
    const batched = Float32Array.from(f.layer.forward(f.params, f.x, f.mask, T, B));
    for (let b = 0; b < B; b++) {
      const n = lengths[b];
      const alone = await fixture(createNodeWasmKernels, n, 1);
      alone.params.set(f.params);
      for (let t = 0; t < n; t++) alone.x.set(f.x.subarray((t * B + b) * D, (t * B + b + 1) * D), t * D);
      alone.mask.fill(1);
      const o = alone.layer.forward(alone.params, alone.x, alone.mask, n, 1);
      for (let t = 0; t < T; t++) {
        // after its end a sequence's output stays its last real step's
        const ref = o.subarray(Math.min(t, n - 1) * H, Math.min(t, n - 1) * H + H);
        expect(maxRelativeError(batched.subarray((t * B + b) * H, (t * B + b + 1) * H), ref)).toBeLessThanOrEqual(1e-5);
      }
    }
  });
});
