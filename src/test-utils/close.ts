import { expect } from 'vitest';

/** |a − e| ≤ rel·max(|e|, 1e-12) + abs, element-wise for arrays; message names the index at fault. */
export function expectClose(actual: number | ArrayLike<number>, expected: number | ArrayLike<number>, rel = 1e-6, abs = 0): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  expect(a.length, 'length').toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    const tol = rel * Math.max(Math.abs(e[i]), 1e-12) + abs;
    if (!(Math.abs(a[i] - e[i]) <= tol)) {
      throw new Error(`index ${i}: got ${a[i]}, expected ${e[i]} (tolerance ${tol})`);
    }
  }
}
