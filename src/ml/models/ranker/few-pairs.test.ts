import { describe, expect, it } from 'vitest';
import { fewPairsWarning, FEW_HELD_OUT_PAIRS } from './few-pairs';

describe('ranker metrics on few held-out pairs', () => {
  it('warns below 30 pairs, naming the count and what one pair is worth', () => {
    expect(fewPairsWarning(3)).toContain('Only 3 held-out pairs');
    expect(fewPairsWarning(3)).toContain('33.3 points');
    expect(fewPairsWarning(1)).toContain('Only 1 held-out pair ');
    expect(fewPairsWarning(0)).toContain('No held-out pairs');
  });

  it('says nothing from 30 pairs up', () => {
    expect(fewPairsWarning(FEW_HELD_OUT_PAIRS)).toBeNull();
    expect(fewPairsWarning(500)).toBeNull();
  });
});
