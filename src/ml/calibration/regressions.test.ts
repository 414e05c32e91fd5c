import { describe, expect, it } from 'vitest';
import { calibrationRegressions, describeRegressions } from './regressions';

describe('calibration that makes held-out scores worse', () => {
  it('names log loss and Brier when they rise, in the issue’s 0.4355 → 0.4501 words', () => {
    const before = { log_loss: 0.4355, brier: 0.14, ece: 0.05 };
    const after = { log_loss: 0.4501, brier: 0.15, ece: 0.02 };
    const rs = calibrationRegressions(before, after);
    expect(rs.map((r) => r.metric)).toEqual(['log_loss', 'brier']);
    expect(describeRegressions(rs)).toBe('log loss 0.4355 → 0.4501, Brier score 0.1400 → 0.1500');
  });

  it('says nothing when the scores hold or improve, or are missing (multiclass has no Brier here)', () => {
    expect(calibrationRegressions({ log_loss: 0.5, brier: 0.2 }, { log_loss: 0.5, brier: 0.19 })).toEqual([]);
    expect(calibrationRegressions({ log_loss: 0.5 }, { log_loss: 0.4 })).toEqual([]);
    expect(calibrationRegressions({ log_loss: NaN }, { log_loss: 0.4 })).toEqual([]);
  });
});
