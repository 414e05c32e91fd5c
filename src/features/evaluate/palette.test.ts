import { describe, expect, it } from 'vitest';
import { EXTRA_COLORS, SERIES_COLORS, seriesColor } from './palette';

describe('chart palette', () => {
  it('gives train and validation their colours whatever their position in a chart', () => {
    expect(seriesColor('train', 0)).toBe(SERIES_COLORS.train);
    expect(seriesColor('train', 1)).toBe(SERIES_COLORS.train);
    expect(seriesColor('validation', 0)).toBe(SERIES_COLORS.validation);
    expect(seriesColor('validation', 1)).toBe(SERIES_COLORS.validation);
  });

  it('never paints a fold or trial line in the training colour', () => {
    for (let i = 0; i < 20; i++) expect(seriesColor(`fold ${i + 1}`, i)).not.toBe(SERIES_COLORS.train);
    expect(EXTRA_COLORS).not.toContain(SERIES_COLORS.train);
  });
});
