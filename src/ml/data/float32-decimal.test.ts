import { describe, expect, it } from 'vitest';
import { float32Decimal } from './float32-decimal';

describe('float32Decimal', () => {
  it('gives back what was written into a Float32Array', () => {
    const typed = [-1.846, 0.1, 3.14159, 1e-7, 123456.7, 0.30000001, -0, 7, 16777217, 3.4e38, 1.17549435e-38];
    const stored = Float32Array.from(typed);
    expect(stored[0]).toBe(-1.8459999561309814);
    expect(JSON.stringify(Array.from(stored, float32Decimal))).toBe('[-1.846,0.1,3.14159,1e-7,123456.7,0.3,0,7,16777216,3.4e+38,1.1754944e-38]');
    // every value round-trips to the same float32
    for (const v of stored) expect(Math.fround(float32Decimal(v))).toBe(v);
  });

  it('leaves float64 values that are not float32 values, and non-finite ones, as they are', () => {
    for (const v of [0.1, Math.PI, -1.846, 1e300, NaN, Infinity]) expect(Object.is(float32Decimal(v), v)).toBe(true);
  });

  it('is the shortest: 10,000 random float32 values never need more digits than their float32', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 10 ** ((seed % 13) - 6);
    for (let i = 0; i < 10_000; i++) {
      const f = Math.fround(rand());
      const d = float32Decimal(f);
      expect(Math.fround(d)).toBe(f);
      const digits = d.toPrecision(9).replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
      if (digits.length > 1) expect(Math.fround(Number(d.toPrecision(digits.length - 1)))).not.toBe(f);
    }
  });
});
