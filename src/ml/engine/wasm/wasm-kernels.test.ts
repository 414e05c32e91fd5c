import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { AWKWARD_SIZES, TRANSPOSES, fillUniform, gemmReference, layoutName, worstRelativeError } from '../../../test-utils/kernel-reference';
import { Arena } from '../arena';
import { readKernelsWasm } from './kernels-wasm-node';
import { createWasmKernels, wasmSimdSupported } from './wasm-kernels';
import { expectGuardsIntact, expectSame, guardedKernels, type GuardedKernels } from './guarded-kernels';

// Every GEMM of kernels.wasm against a float64 reference, and the loader's refusals (views placed by guarded-kernels.ts).

let g: GuardedKernels;

beforeAll(async () => {
  g = await guardedKernels();
});

describe('wasm kernels: setup', () => {
  it('has SIMD here and instantiates without writing into the memory', async () => {
    expect(wasmSimdSupported()).toBe(true);
    const mem = new WebAssembly.Memory({ initial: 1 });
    const bytes = new Uint8Array(mem.buffer).fill(0xab);
    const k = await createWasmKernels(mem, await WebAssembly.compile(await readKernelsWasm()));
    expect(k.name).toBe('wasm-simd');
    expect(bytes.every((x) => x === 0xab)).toBe(true);
  });

  it('refuses views outside its g.memory, detached views and views shorter than their shape', async () => {
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
              g.arena.reset();
              const a = g.place(m * k, rng);
              const b = g.place(k * n, rng);
              const c = g.place(m * n, rng);
              fillUniform(a.view, rng);
              fillUniform(b.view, rng);
              // without accumulate C's old contents must be ignored, NaN included
              if (accumulate) fillUniform(c.view, rng);
              else c.view.fill(Number.NaN);
              const aCopy = a.whole.slice();
              const bCopy = b.whole.slice();
              const { value, magnitude } = gemmReference(a.view, b.view, c.view, m, n, k, transA, transB, accumulate);
              g.wasm.gemm(a.view, b.view, c.view, m, n, k, transA, transB, accumulate);
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
    g.arena.reset();
    const a = g.arena.alloc(1);
    const b = g.arena.alloc(1);
    const c = g.arena.alloc(6).fill(3);
    for (const [transA, transB] of TRANSPOSES) {
      g.wasm.gemm(a, b, c, 2, 3, 0, transA, transB, true);
      expect(Array.from(c)).toEqual([3, 3, 3, 3, 3, 3]);
    }
    g.wasm.gemm(a, b, c, 2, 3, 0, false, false, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a dense layer’s three products on larger shapes (Z = X·W, dW = Xᵀ·dZ, dX = dZ·Wᵀ)', () => {
    const rng = mulberry32(5);
    for (const [batch, inputs, units] of [
      [32, 64, 30],
      [256, 256, 64],
      [32, 512, 128],
    ]) {
      g.arena.reset();
      const x = fillUniform(g.arena.alloc(batch * inputs), rng);
      const w = fillUniform(g.arena.alloc(inputs * units), rng);
      const dz = fillUniform(g.arena.alloc(batch * units), rng);
      const out = g.arena.alloc(Math.max(batch * units, inputs * units, batch * inputs));
      const cases: [Float32Array, Float32Array, number, number, number, boolean, boolean][] = [
        [x, w, batch, units, inputs, false, false],
        [x, dz, inputs, units, batch, true, false],
        [dz, w, batch, inputs, units, false, true],
      ];
      for (const [a, b, m, n, k, ta, tb] of cases) {
        const c = out.subarray(0, m * n);
        g.wasm.gemm(a, b, c, m, n, k, ta, tb, false);
        const { value, magnitude } = gemmReference(a, b, c, m, n, k, ta, tb, false);
        expect(worstRelativeError(c, value, magnitude).error, `${layoutName(ta, tb)} ${m}×${n}×${k}`).toBeLessThanOrEqual(1e-5);
      }
    }
  });
});

/** Inputs for the activations: uniform in [−12, 12] plus the points where approximations switch or saturate. */
