import { describe, expect, it } from 'vitest';
import { axisWidth, compactTick } from './axis-format';

describe('compactTick', () => {
  it('keeps large counts whole in a few characters', () => {
    expect(compactTick(12000)).toBe('12k');
    expect(compactTick(2000)).toBe('2000');
    expect(compactTick(1_250_000)).toBe('1.25M');
    expect(compactTick(-45_000)).toBe('-45k');
    expect(compactTick(0)).toBe('0');
    expect(compactTick(0.25)).toBe('0.25');
    expect(compactTick(1 / 3)).toBe('0.333');
    expect(compactTick(0.0000123)).toBe('1.2e-5');
  });

  it('sizes the axis to the longest tick', () => {
    expect(axisWidth(['0', '12k'])).toBe(36);
    expect(axisWidth(['-0.000123', '1'])).toBeGreaterThan(60);
  });
});
