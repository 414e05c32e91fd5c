import { mulberry32 } from '../src/ml/data/rng';

export const LARGE_COLS = 50;

/**
 * The GBDT benches' large regression: uniform features in [−1, 1) (mulberry32(11)) and a target with
 * interactions and a step, so the trees have something to find in several features.
 */
export function largeRegression(rows: number): { x: Float32Array; y: Float64Array } {
  const rnd = mulberry32(11);
  const x = new Float32Array(rows * LARGE_COLS);
  for (let i = 0; i < x.length; i++) x[i] = rnd() * 2 - 1;
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = x.subarray(r * LARGE_COLS, (r + 1) * LARGE_COLS);
    y[r] = Math.sin(3 * v[0]) + v[1] * v[2] + (v[3] > 0.2 ? 1 : 0) + 0.5 * v[4] ** 2 + 0.3 * v[5] - 0.2 * v[6] * v[7] + 0.1 * (rnd() - 0.5);
  }
  return { x, y };
}
