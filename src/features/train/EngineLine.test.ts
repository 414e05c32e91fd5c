import { describe, expect, it } from 'vitest';
import { measuredRate } from './EngineLine';

describe('measuredRate', () => {
  it("is the median of the epochs' rates, skipping epochs without one", () => {
    expect(measuredRate([{ samplesPerSec: 300 }, { samplesPerSec: 100 }, { samplesPerSec: 200 }])).toEqual({ rate: 200, epochs: 3 });
    expect(measuredRate([{ samplesPerSec: 100 }, { samplesPerSec: 400 }, {}, { samplesPerSec: Number.NaN }])).toEqual({ rate: 250, epochs: 2 });
    expect(measuredRate([])).toBeNull();
    expect(measuredRate([{}, { samplesPerSec: 0 }])).toBeNull();
  });
});
