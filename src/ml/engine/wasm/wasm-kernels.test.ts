import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { AWKWARD_SIZES, TRANSPOSES, fillUniform, gemmReference, layoutName, worstMixedError, worstRelativeError } from '../../../test-utils/kernel-reference';
import { Arena } from '../arena';
import { jsKernels } from '../js-kernels';
import { ACTIVATIONS, actCode, type Kernels } from '../kernels';
import { readKernelsWasm } from './kernels-wasm-node';
import { createWasmKernels, wasmSimdSupported } from './wasm-kernels';

// Every kernel of kernels.wasm against a float64 reference (gemm, colSum) or the JS reference
// (activations, Adam). Arrays are views into the kernels' memory placed at odd offsets: at a
// random float offset (so mostly not 16-byte aligned) after a random gap, with guard floats
// around every output that must come back untouched — a pointer or stride bug shows either as a
// wrong value or as a written guard.

const GUARD = 8;
const SENTINEL = -12345.5;

let memory: WebAssembly.Memory;
let arena: Arena;
let wasm: Kernels;

beforeAll(async () => {
  memory = new WebAssembly.Memory({ initial: 32 });
  // the arena starts well above 0: pointer 0 (or a dropped base) reads the wrong data
  arena = new Arena(memory, 1024);
  wasm = await createWasmKernels(memory, await readKernelsWasm());
});

interface Placed {
  view: Float32Array;
  /** The view plus GUARD floats either side, all SENTINEL outside the view. */
  whole: Float32Array;
}

/** A view of `length` floats at a random misalignment (0–3 floats) inside a guarded region. */
function place(length: number, rng: () => number): Placed {
  const shift = Math.floor(rng() * 4);
  const whole = arena.alloc(length + 2 * GUARD + shift).fill(SENTINEL);
  const view = whole.subarray(GUARD + shift, GUARD + shift + length);
  return { view, whole };
}

/** Throws unless every float of `p.whole` outside `p.view` is still the sentinel. */
function expectGuardsIntact(p: Placed, what: string): void {
  const start = (p.view.byteOffset - p.whole.byteOffset) / 4;
  for (let i = 0; i < p.whole.length; i++) {
    if (i >= start && i < start + p.view.length) continue;
    if (p.whole[i] !== SENTINEL) throw new Error(`${what}: guard float ${i - start} (relative to the view) was overwritten with ${p.whole[i]}`);
  }
}

/** Throws unless `x` is bit-for-bit `before` (cheaper than toEqual on thousands of floats). */
function expectSame(x: Float32Array, before: Float32Array, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Object.is(x[i], before[i])) throw new Error(`${what} was written at ${i}: ${before[i]} → ${x[i]}`);
  }
}

describe('wasm kernels: setup', () => {
  it('has SIMD here and instantiates without writing into the memory', async () => {
    expect(wasmSimdSupported()).toBe(true);
    const mem = new WebAssembly.Memory({ initial: 1 });
    const bytes = new Uint8Array(mem.buffer).fill(0xab);
    const k = await createWasmKernels(mem, await WebAssembly.compile(await readKernelsWasm()));
    expect(k.name).toBe('wasm-simd');
    expect(bytes.every((x) => x === 0xab)).toBe(true);
  });

  it('refuses views outside its memory, detached views and views shorter than their shape', async () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const own = new Arena(mem);
    const k = await createWasmKernels(mem, await readKernelsWasm());
    const a = own.alloc(6);
    const b = own.alloc(6);
    const c = own.alloc(4);
    expect(() => k.gemm(new Float32Array(6), b, c, 2, 2, 3, false, false, false)).toThrow(/not a view into the kernels' WebAssembly.Memory/);
    expect(() => k.gemm(a, b, c.subarray(1), 2, 2, 3, false, false, false)).toThrow(RangeError);
    mem.grow(1); // detaches a, b and c
    expect(() => k.colSum(a, b, 2, 3, false)).toThrow(/detached/);
  });
});

describe('wasm gemm against a float64 reference', () => {
  for (const [transA, transB] of TRANSPOSES) {
    for (const accumulate of [false, true]) {
      it(`${layoutName(transA, transB)}, accumulate ${accumulate}: every m, n, k in ${AWKWARD_SIZES.join(', ')}`, () => {
        const rng = mulberry32(transA ? 11 : 3 + (transB ? 7 : 0) + (accumulate ? 100 : 0));
        let worst = { error: 0, where: '' };
        for (const m of AWKWARD_SIZES) {
          for (const n of AWKWARD_SIZES) {
            for (const k of AWKWARD_SIZES) {
              arena.reset();
              const a = place(m * k, rng);
              const b = place(k * n, rng);
              const c = place(m * n, rng);
              fillUniform(a.view, rng);
              fillUniform(b.view, rng);
              // without accumulate C's old contents must be ignored, NaN included
              if (accumulate) fillUniform(c.view, rng);
              else c.view.fill(Number.NaN);
              const aCopy = a.whole.slice();
              const bCopy = b.whole.slice();
              const { value, magnitude } = gemmReference(a.view, b.view, c.view, m, n, k, transA, transB, accumulate);
              wasm.gemm(a.view, b.view, c.view, m, n, k, transA, transB, accumulate);
              const shape = `${m}×${n}×${k}`;
              expectGuardsIntact(c, `C of ${shape}`);
              expectSame(a.whole, aCopy, `A of ${shape}`);
              expectSame(b.whole, bCopy, `B of ${shape}`);
              const { error, index } = worstRelativeError(c.view, value, magnitude);
              if (error > worst.error) worst = { error, where: `${shape} at ${index}: ${c.view[index]} vs ${value[index]}` };
            }
          }
        }
        expect(worst.error, worst.where).toBeLessThanOrEqual(1e-5);
      });
    }
  }

  it('k = 0: C is cleared, or left as it was when accumulating', () => {
    arena.reset();
    const a = arena.alloc(1);
    const b = arena.alloc(1);
    const c = arena.alloc(6).fill(3);
    for (const [transA, transB] of TRANSPOSES) {
      wasm.gemm(a, b, c, 2, 3, 0, transA, transB, true);
      expect(Array.from(c)).toEqual([3, 3, 3, 3, 3, 3]);
    }
    wasm.gemm(a, b, c, 2, 3, 0, false, false, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a dense layer’s three products on larger shapes (Z = X·W, dW = Xᵀ·dZ, dX = dZ·Wᵀ)', () => {
    const rng = mulberry32(5);
    for (const [batch, inputs, units] of [
      [32, 64, 30],
      [256, 256, 64],
      [32, 512, 128],
    ]) {
      arena.reset();
      const x = fillUniform(arena.alloc(batch * inputs), rng);
      const w = fillUniform(arena.alloc(inputs * units), rng);
      const dz = fillUniform(arena.alloc(batch * units), rng);
      const out = arena.alloc(Math.max(batch * units, inputs * units, batch * inputs));
      const cases: [Float32Array, Float32Array, number, number, number, boolean, boolean][] = [
        [x, w, batch, units, inputs, false, false],
        [x, dz, inputs, units, batch, true, false],
        [dz, w, batch, inputs, units, false, true],
      ];
      for (const [a, b, m, n, k, ta, tb] of cases) {
        const c = out.subarray(0, m * n);
        wasm.gemm(a, b, c, m, n, k, ta, tb, false);
        const { value, magnitude } = gemmReference(a, b, c, m, n, k, ta, tb, false);
        expect(worstRelativeError(c, value, magnitude).error, `${layoutName(ta, tb)} ${m}×${n}×${k}`).toBeLessThanOrEqual(1e-5);
      }
    }
  });
});

/** Inputs for the activations: uniform in [−12, 12] plus the points where approximations switch or saturate. */
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
        arena.reset();
        const z = place(rows * cols, rng);
        z.view.set(activationInputs(rows * cols, rng));
        const bias = place(cols, rng);
        fillUniform(bias.view, rng, -0.5, 0.5);
        bias.view[0] = 0; // keeps the special inputs at their exact points in row 0
        const expected = new Float32Array(rows * cols);
        jsKernels.biasAct(z.view, bias.view, expected, rows, cols, act);
        const out = place(rows * cols, rng);
        wasm.biasAct(z.view, bias.view, out.view, rows, cols, act);
        expectGuardsIntact(out, 'out');
        const sep = worstMixedError(out.view, expected);
        expect(sep.error, `${rows}×${cols} at ${sep.index}: x=${z.view[sep.index]} got ${out.view[sep.index]} want ${expected[sep.index]}`).toBeLessThanOrEqual(1e-5);
        wasm.biasAct(z.view, bias.view, z.view, rows, cols, act);
        expectGuardsIntact(z, 'z (in place)');
        expect(Array.from(z.view)).toEqual(Array.from(out.view));
      }
    });

    it(`actBackward ${name}: separate output and in place`, () => {
      const rng = mulberry32(60 + act);
      for (const n of [1, 3, 4, 5, 17, 63, 129, 1000]) {
        arena.reset();
        // a: what the activation outputs, from the reference itself
        const xs = new Float32Array(activationInputs(n, rng));
        const a = place(n, rng);
        jsKernels.biasAct(xs, new Float32Array(1), a.view, n, 1, act);
        const da = place(n, rng);
        fillUniform(da.view, rng, -2, 2);
        const expected = new Float32Array(n);
        jsKernels.actBackward(a.view, da.view, expected, n, act);
        const dz = place(n, rng);
        wasm.actBackward(a.view, da.view, dz.view, n, act);
        expectGuardsIntact(dz, 'dz');
        const r = worstMixedError(dz.view, expected);
        expect(r.error, `n=${n} at ${r.index}: a=${a.view[r.index]}`).toBeLessThanOrEqual(1e-5);
        wasm.actBackward(a.view, da.view, da.view, n, act);
        expectGuardsIntact(da, 'da (in place)');
        expect(Array.from(da.view)).toEqual(Array.from(dz.view));
      }
    });
  }

  it('tanh and sigmoid keep their relative accuracy near 0 and in the tails', () => {
    arena.reset();
    const xs = [1e-6, -1e-6, 1e-4, 0.01, -0.01, 0.1, 0.5, 0.6, -0.62, 0.63, 2, -3, -10, -20];
    const z = arena.alloc(xs.length);
    z.set(xs);
    const out = arena.alloc(xs.length);
    const bias = arena.zeros(xs.length);
    for (const act of [actCode('tanh'), actCode('sigmoid')]) {
      wasm.biasAct(z, bias, out, 1, xs.length, act);
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
          arena.reset();
          const dz = place(rows * cols, rng);
          fillUniform(dz.view, rng);
          const db = place(cols, rng);
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
          wasm.colSum(dz.view, db.view, rows, cols, accumulate);
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
      arena.reset();
      const w = { p: place(n, rng), m: place(n, rng), v: place(n, rng) };
      const g = place(n, rng);
      fillUniform(w.p.view, rng);
      w.m.view.fill(0);
      w.v.view.fill(0);
      const ref = { p: w.p.view.slice(), m: new Float32Array(n), v: new Float32Array(n) };
      for (let t = 1; t <= 3; t++) {
        fillUniform(g.view, rng, -3, 3);
        if (n > 2) g.view[1] = 0; // a zero gradient: the update divides m by √v + ε with both tiny
        const c1 = 1 - beta1 ** t;
        const c2 = 1 - beta2 ** t;
        jsKernels.adam(ref.p, g.view, ref.m, ref.v, n, lr, beta1, beta2, eps, c1, c2);
        wasm.adam(w.p.view, g.view, w.m.view, w.v.view, n, lr, beta1, beta2, eps, c1, c2);
        for (const key of ['p', 'm', 'v'] as const) {
          expectGuardsIntact(w[key], key);
          const r = worstMixedError(w[key].view, ref[key]);
          expect(r.error, `n=${n} step ${t} ${key}[${r.index}]`).toBeLessThanOrEqual(1e-5);
        }
      }
    }
  });
});
