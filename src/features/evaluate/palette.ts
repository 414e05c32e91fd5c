/**
 * One palette for every chart: training is always orange and validation always blue, in every
 * family's epoch, round and per-head charts alike, so a reader who learned the colours once
 * never has to re-read a legend.
 */
export const SERIES_COLORS = {
  train: '#f08a4b',
  validation: '#5ab0f0',
} as const;

/** Lines that are neither train nor validation (folds, trials): validation blue first, then distinct hues, never train orange. */
export const EXTRA_COLORS = ['#5ab0f0', '#7bd88f', '#d88fd0', '#e6d36b', '#8fd8d2', '#f06b6b', '#a0a0ff', '#c0c0c0'];

export const GRID_COLOR = '#2a2f3a';
export const AXIS_COLOR = '#8a93a6';

/** The colour of a named series: train and validation by role, anything else by its position. */
export function seriesColor(name: string, index: number): string {
  if (name === 'train') return SERIES_COLORS.train;
  if (name === 'validation') return SERIES_COLORS.validation;
  return EXTRA_COLORS[index % EXTRA_COLORS.length];
}
