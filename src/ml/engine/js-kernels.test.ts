import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { TRANSPOSES, fillUniform, gemmReference, layoutName, worstRelativeError } from '../../test-utils/kernel-reference';
import { expectClose } from '../../test-utils/close';
import { activate, activationGrad, jsKernels } from './js-kernels';
import { ACTIVATIONS, SELU_ALPHA, SELU_SCALE, actCode } from './kernels';

// The reference itself, against the math written out: a float64 GEMM, known activation values,
// derivatives by central differences, and one Adam step by hand.

describe('jsKernels.gemm', () => {
  for (const [transA, transB] of TRANSPOSES) {
    for (const accumulate of [false, true]) {
      it(`${layoutName(transA, transB)}, accumulate ${accumulate}`, () => {
        const rng = mulberry32(7);
        for (const [m, n, k] of [
          [1, 1, 1],
          [3, 5, 7],
          [17, 1, 33],
          [2, 65, 3],
          [33, 17, 64],
        ]) {
          const a = fillUniform(new Float32Array(m * k), rng);
          const b = fillUniform(new Float32Array(k * n), rng);
          const c = accumulate ? fillUniform(new Float32Array(m * n), rng) : new Float32Array(m * n).fill(Number.NaN);
          const { value, magnitude } = gemmReference(a, b, c, m, n, k, transA, transB, accumulate);
          jsKernels.gemm(a, b, c, m, n, k, transA, transB, accumulate);
          expect(worstRelativeError(c, value, magnitude).error, `${m}×${n}×${k}`).toBeLessThanOrEqual(1e-6);
        }
      });
    }
  }

  it('a worked 2×2 example in every layout', () => {
    // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]: A·B = [[19, 22], [43, 50]]
    const A = new Float32Array([1, 2, 3, 4]);
    const At = new Float32Array([1, 3, 2, 4]);
    const B = new Float32Array([5, 6, 7, 8]);
    const Bt = new Float32Array([5, 7, 6, 8]);
    for (const [transA, transB] of TRANSPOSES) {
      const c = new Float32Array([1, 1, 1, 1]);
      jsKernels.gemm(transA ? At : A, transB ? Bt : B, c, 2, 2, 2, transA, transB, true);
      expect(Array.from(c)).toEqual([20, 23, 44, 51]);
    }
  });
});

describe('jsKernels activations', () => {
  it('known values', () => {
    const at = (name: (typeof ACTIVATIONS)[number], x: number) => activate(x, actCode(name));
    expect(at('linear', -2.5)).toBe(-2.5);
    expect([at('relu', -1), at('relu', 2)]).toEqual([0, 2]);
    expectClose(at('tanh', 0.5), 0.46211715726000974);
    expectClose(at('sigmoid', 2), 0.8807970779778823);
    expectClose(at('sigmoid', -800), 0, 0, 1e-300); // no overflow on either side
    expectClose(at('elu', -1), Math.exp(-1) - 1);
    expect(at('elu', 3)).toBe(3);
    expectClose(at('selu', -1), SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1));
    expectClose(at('selu', 2), 2 * SELU_SCALE);
  });

  for (const name of ACTIVATIONS) {
    it(`${name}: the derivative written from the output matches a central difference`, () => {
      const act = actCode(name);
      for (const x of [-3, -0.7, -0.1, 0.2, 0.9, 2.5]) {
        const h = 1e-6;
        const numeric = (activate(x + h, act) - activate(x - h, act)) / (2 * h);
        expectClose(activationGrad(activate(x, act), act), numeric, 1e-6, 1e-8);
      }
    });
  }

  it('biasAct adds the bias per column and may write in place; actBackward multiplies by the derivative', () => {
    const z = new Float32Array([-1, 0.5, 2, -3, 1, 0]);
    const bias = new Float32Array([0.5, -0.5, 1]);
    jsKernels.biasAct(z, bias, z, 2, 3, actCode('relu'));
    expect(Array.from(z)).toEqual([0, 0, 3, 0, 0.5, 1]);
    const dz = new Float32Array(6);
    jsKernels.actBackward(z, new Float32Array([1, 2, 3, 4, 5, 6]), dz, 6, actCode('relu'));
    expect(Array.from(dz)).toEqual([0, 0, 3, 0, 5, 6]);
  });
});

describe('jsKernels.colSum and adam', () => {
  it('colSum sums each column, optionally onto what is there', () => {
    const dz = new Float32Array([1, 2, 3, 4, 5, 6]);
    const db = new Float32Array([10, 20, 30]);
    jsKernels.colSum(dz, db, 2, 3, true);
    expect(Array.from(db)).toEqual([15, 27, 39]);
    jsKernels.colSum(dz, db, 2, 3, false);
    expect(Array.from(db)).toEqual([5, 7, 9]);
  });

  it('adam: the first step moves every parameter by lr against its gradient’s sign', () => {
    const p = new Float32Array([1, -2, 0.5]);
    const g = new Float32Array([0.3, -4, 1e-3]);
    const m = new Float32Array(3);
    const v = new Float32Array(3);
    jsKernels.adam(p, g, m, v, 3, 0.1, 0.9, 0.999, 1e-8, 1 - 0.9, 1 - 0.999);
    expectClose(m, [0.03, -0.4, 1e-4], 1e-6);
    expectClose(v, [0.3 * 0.3 * 1e-3, 16e-3, 1e-9], 1e-5);
    // m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g)
    expectClose(p, [0.9, -1.9, 0.4], 1e-5);
  });
});
