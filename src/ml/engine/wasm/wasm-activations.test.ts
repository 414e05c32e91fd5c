import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { AWKWARD_SIZES, fillUniform, worstMixedError, worstRelativeError } from '../../../test-utils/kernel-reference';
import { jsKernels } from '../js-kernels';
import { ACTIVATIONS, actCode } from '../kernels';
import { expectGuardsIntact, guardedKernels, type GuardedKernels } from './guarded-kernels';

// The activations, colSum and Adam of kernels.wasm against a float64 or the JS reference (views placed by guarded-kernels.ts).

let g: GuardedKernels;

beforeAll(async () => {
  g = await guardedKernels();
});

function activationInputs(n: number, rng: () => number): number[] {
  const special = [0, -0, 1e-7, -1e-7, 1e-3, -1e-3, 0.3, -0.3, 0.624, 0.625, 0.626, -0.625, 1, -1, 5, -5, 9.5, -9.5, 20, -20, 44, -44, 87, -87, 88.5, -88.5, 100, -100, 1e4, -1e4];
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(i < special.length ? special[i] : -12 + 24 * rng());
  return xs;
}

const ACT_SHAPES: [number, number][] = [
  [1, 1],
  [1, 3],
  [3, 5],
  [17, 33],
  [5, 63],
  [65, 1],
  [2, 129],
  [33, 17],
];

describe('wasm activations against the JS reference', () => {
  for (const name of ACTIVATIONS) {
    const act = actCode(name);
    it(`biasAct ${name}: separate output and in place, every shape`, () => {
      const rng = mulberry32(40 + act);
      for (const [rows, cols] of ACT_SHAPES) {
        g.arena.reset();
        const z = g.place(rows * cols, rng);
        z.view.set(activationInputs(rows * cols, rng));
        const bias = g.place(cols, rng);
        fillUniform(bias.view, rng, -0.5, 0.5);
        bias.view[0] = 0; // keeps the special inputs at their exact points in row 0
        const expected = new Float32Array(rows * cols);
        jsKernels.biasAct(z.view, bias.view, expected, rows, cols, act);
        const out = g.place(rows * cols, rng);
        g.wasm.biasAct(z.view, bias.view, out.view, rows, cols, act);
        expectGuardsIntact(out, 'out');
        const sep = worstMixedError(out.view, expected);
        expect(sep.error, `${rows}×${cols} at ${sep.index}: x=${z.view[sep.index]} got ${out.view[sep.index]} want ${expected[sep.index]}`).toBeLessThanOrEqual(1e-5);
        g.wasm.biasAct(z.view, bias.view, z.view, rows, cols, act);
        expectGuardsIntact(z, 'z (in place)');
        expect(Array.from(z.view)).toEqual(Array.from(out.view));
      }
    });

    it(`actBackward ${name}: separate output and in place`, () => {
      const rng = mulberry32(60 + act);
      for (const n of [1, 3, 4, 5, 17, 63, 129, 1000]) {
        g.arena.reset();
        // a: what the activation outputs, from the reference itself
        const xs = new Float32Array(activationInputs(n, rng));
        const a = g.place(n, rng);
        jsKernels.biasAct(xs, new Float32Array(1), a.view, n, 1, act);
        const da = g.place(n, rng);
        fillUniform(da.view, rng, -2, 2);
        const expected = new Float32Array(n);
        jsKernels.actBackward(a.view, da.view, expected, n, act);
        const dz = g.place(n, rng);
        g.wasm.actBackward(a.view, da.view, dz.view, n, act);
        expectGuardsIntact(dz, 'dz');
        const r = worstMixedError(dz.view, expected);
        expect(r.error, `n=${n} at ${r.index}: a=${a.view[r.index]}`).toBeLessThanOrEqual(1e-5);
        g.wasm.actBackward(a.view, da.view, da.view, n, act);
        expectGuardsIntact(da, 'da (in place)');
        expect(Array.from(da.view)).toEqual(Array.from(dz.view));
      }
    });
  }

  it('tanh and sigmoid keep their relative accuracy near 0 and in the tails', () => {
    g.arena.reset();
    const xs = [1e-6, -1e-6, 1e-4, 0.01, -0.01, 0.1, 0.5, 0.6, -0.62, 0.63, 2, -3, -10, -20];
    const z = g.arena.alloc(xs.length);
    z.set(xs);
    const out = g.arena.alloc(xs.length);
    const bias = g.arena.zeros(xs.length);
    for (const act of [actCode('tanh'), actCode('sigmoid')]) {
      g.wasm.biasAct(z, bias, out, 1, xs.length, act);
      const expected = new Float32Array(xs.length);
      jsKernels.biasAct(z, bias, expected, 1, xs.length, act);
      for (let i = 0; i < xs.length; i++) {
        expect(Math.abs(out[i] - expected[i]) / Math.abs(expected[i]), `act ${act} x=${xs[i]}`).toBeLessThanOrEqual(2e-6);
      }
    }
  });
});

describe('wasm colSum against a float64 reference', () => {
  for (const accumulate of [false, true]) {
    it(`accumulate ${accumulate}: every rows × cols in ${AWKWARD_SIZES.join(', ')}`, () => {
      const rng = mulberry32(accumulate ? 81 : 80);
      for (const rows of AWKWARD_SIZES) {
        for (const cols of [...AWKWARD_SIZES, 16, 20, 32]) {
          g.arena.reset();
          const dz = g.place(rows * cols, rng);
          fillUniform(dz.view, rng);
          const db = g.place(cols, rng);
          if (accumulate) fillUniform(db.view, rng);
          else db.view.fill(Number.NaN);
          const value = new Float64Array(cols);
          const magnitude = new Float64Array(cols);
          for (let j = 0; j < cols; j++) {
            value[j] = accumulate ? db.view[j] : 0;
            magnitude[j] = Math.abs(value[j]);
            for (let i = 0; i < rows; i++) {
              value[j] += dz.view[i * cols + j];
              magnitude[j] += Math.abs(dz.view[i * cols + j]);
            }
          }
          g.wasm.colSum(dz.view, db.view, rows, cols, accumulate);
          expectGuardsIntact(db, 'db');
          const r = worstRelativeError(db.view, value, magnitude);
          expect(r.error, `${rows}×${cols} at ${r.index}`).toBeLessThanOrEqual(1e-5);
        }
      }
    });
  }
});

describe('wasm adam against the JS reference', () => {
  it('three steps on every awkward length, p, m and v all match', () => {
    const rng = mulberry32(90);
    const [lr, beta1, beta2, eps] = [0.01, 0.9, 0.999, 1e-7];
    for (const n of [...AWKWARD_SIZES, 4, 8, 1000]) {
      g.arena.reset();
      const w = { p: g.place(n, rng), m: g.place(n, rng), v: g.place(n, rng) };
      const grad = g.place(n, rng);
      fillUniform(w.p.view, rng);
      w.m.view.fill(0);
      w.v.view.fill(0);
      const ref = { p: w.p.view.slice(), m: new Float32Array(n), v: new Float32Array(n) };
      for (let t = 1; t <= 3; t++) {
        fillUniform(grad.view, rng, -3, 3);
        if (n > 2) grad.view[1] = 0; // a zero gradient: the update divides m by √v + ε with both tiny
        const c1 = 1 - beta1 ** t;
        const c2 = 1 - beta2 ** t;
        jsKernels.adam(ref.p, grad.view, ref.m, ref.v, n, lr, beta1, beta2, eps, c1, c2);
        g.wasm.adam(w.p.view, grad.view, w.m.view, w.v.view, n, lr, beta1, beta2, eps, c1, c2);
        for (const key of ['p', 'm', 'v'] as const) {
          expectGuardsIntact(w[key], key);
          const r = worstMixedError(w[key].view, ref[key]);
          expect(r.error, `n=${n} step ${t} ${key}[${r.index}]`).toBeLessThanOrEqual(1e-5);
        }
      }
    }
  });
});
