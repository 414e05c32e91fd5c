/**
 * Helpers shared by the engine kernel tests (src/ml/engine/js-kernels.test.ts,
 * src/ml/engine/wasm/wasm-kernels.test.ts) and bench/gemm-bench.ts:
 * a float64 GEMM reference and the error measure the tests hold kernels to.
 */

/** Sizes that hit every edge of the register tiles (4×8, 2×4, f32x4 lanes) at least once. */
export const AWKWARD_SIZES = [1, 3, 5, 17, 33, 63, 65, 129] as const;

/** The four operand layouts, as (transA, transB). */
export const TRANSPOSES: readonly (readonly [boolean, boolean])[] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

export const layoutName = (transA: boolean, transB: boolean): string => `${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}`;

/**
 * C = (accumulate ? c0 : 0) + op(A)·op(B) in float64, with, per element, the magnitude
 * |c0| + Σ_p |op(A)[i,p]·op(B)[p,j]| that bounds its rounding error: a float32 result is judged
 * by |c − ref| / magnitude, which stays meaningful when the sum cancels to near zero.
 */
export function gemmReference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  c0: ArrayLike<number>,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): { value: Float64Array; magnitude: Float64Array } {
  const value = new Float64Array(m * n);
  const magnitude = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c0[i * n + j] : 0;
      let mag = Math.abs(s);
      for (let p = 0; p < k; p++) {
        const t = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
        s += t;
        mag += Math.abs(t);
      }
      value[i * n + j] = s;
      magnitude[i * n + j] = mag;
    }
  }
  return { value, magnitude };
}

/** The largest |actual − value| / max(magnitude, tiny) and where it is. */
export function worstRelativeError(actual: ArrayLike<number>, value: Float64Array, magnitude: Float64Array): { error: number; index: number } {
  let error = 0;
  let index = -1;
  for (let i = 0; i < value.length; i++) {
    const e = Math.abs(actual[i] - value[i]) / Math.max(magnitude[i], 1e-30);
    // NaN fails loudly
    if (!(e <= error)) {
      error = Number.isNaN(e) ? Infinity : e;
      index = i;
      if (error === Infinity) break;
    }
  }
  return { error, index };
}

/** The largest |actual − expected| / max(1, |expected|): absolute near 0, relative beyond 1. */
export function worstMixedError(actual: ArrayLike<number>, expected: ArrayLike<number>): { error: number; index: number } {
  let error = 0;
  let index = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(e <= error)) {
      error = Number.isNaN(e) ? Infinity : e;
      index = i;
      if (error === Infinity) break;
    }
  }
  return { error, index };
}

/** Fills with uniform values in [lo, hi) from `rng`. */
export function fillUniform(x: Float32Array, rng: () => number, lo = -1, hi = 1): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = lo + (hi - lo) * rng();
  return x;
}
