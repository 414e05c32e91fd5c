import { latestEndDate, type EntityHistory } from './histories';

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_CODE: Record<SplitName, number> = { train: 0, validation: 1, test: 2 };

/**
 * Cut dates (epoch ms). An entity whose latest end date is before `validationFrom` trains;
 * before `testFrom` validates; otherwise tests. null picks a quantile of those dates.
 */
export interface TemporalCuts {
  validationFrom: number | null;
  testFrom: number | null;
}

export const DEFAULT_CUT_QUANTILES = { validation: 0.5, test: 0.75 } as const;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Resolves null cuts to quantiles of the entities' latest dates and checks their order. */
export function resolveCuts(entities: EntityHistory[], cuts: TemporalCuts): { validationFrom: number; testFrom: number } {
  const latest = entities.filter((e) => e.roles.length > 0).map(latestEndDate).sort((a, b) => a - b);
  const validationFrom = cuts.validationFrom ?? quantile(latest, DEFAULT_CUT_QUANTILES.validation);
  const testFrom = cuts.testFrom ?? quantile(latest, DEFAULT_CUT_QUANTILES.test);
  if (!(testFrom >= validationFrom)) {
    throw new Error(`the test cut (${new Date(testFrom).toISOString().slice(0, 10)}) must not be before the validation cut (${new Date(validationFrom).toISOString().slice(0, 10)})`);
  }
  return { validationFrom, testFrom };
}

export function entitySplit(e: EntityHistory, cuts: { validationFrom: number; testFrom: number }): SplitName {
  const t = latestEndDate(e);
  return t < cuts.validationFrom ? 'train' : t < cuts.testFrom ? 'validation' : 'test';
}

/**
 * Whether an example predicting the role that starts at `targetStart` is scored in its
 * entity's split: each split scores only targets inside its window (train before the validation
 * cut, validation between the cuts, test after), so every validation target starts after every
 * training target and every test target after every validation one. Roles outside the window
 * still serve as history (context) for later targets.
 */
export function targetAllowed(split: SplitName, targetStart: number, cuts: { validationFrom: number; testFrom: number }): boolean {
  if (split === 'train') return targetStart < cuts.validationFrom;
  if (split === 'validation') return targetStart >= cuts.validationFrom && targetStart < cuts.testFrom;
  return targetStart >= cuts.testFrom;
}
