import { validateHalving, type HalvingConfig } from './pruning';
import type { SearchResult, Trial } from './search';
import { bestSoFarCurve, bestTrial } from './search';
import { validateSpace, type SearchSpace } from './space';
import type { Direction, TpeOptions } from './tpe';

/**
 * Everything that decides which trials a search runs, apart from the model family's own setup:
 * stored with the search run, so the same study can be read back and replayed.
 */
export interface StudySpec {
  space: SearchSpace;
  trials: number;
  sampler: 'random' | 'tpe';
  /** TPE only; startupTrials matters most on the dozen trials a browser runs */
  tpe?: Partial<TpeOptions>;
  seed: number;
  metric: string;
  direction: Direction;
  pruner: HalvingConfig | null;
}

/** The study-level problems (family-specific names are checked by the family's adapter). */
export function studyErrors(s: StudySpec): string[] {
  const errs = [...validateSpace(s.space), ...(s.pruner ? validateHalving(s.pruner) : [])];
  if (!(Number.isInteger(s.trials) && s.trials >= 1 && s.trials <= 500)) errs.push('trials: a whole number from 1 to 500');
  if (!Number.isInteger(s.seed)) errs.push('seed: a whole number');
  const st = s.tpe?.startupTrials;
  if (s.sampler === 'tpe' && st !== undefined && !(Number.isInteger(st) && st >= 1)) errs.push('random start trials: a positive whole number');
  return errs;
}

/**
 * The result so far of a search still running: stored after each finished trial, so a reload
 * mid-search keeps them. `partial` tells it apart from a search that ended.
 */
export type StoredSearchResult = SearchResult & { partial?: boolean };

export function partialResult(spec: Pick<StudySpec, 'metric' | 'direction'>, trials: Trial[]): StoredSearchResult {
  return {
    metric: spec.metric,
    direction: spec.direction,
    trials,
    best: bestTrial(trials, spec.direction),
    bestSoFar: bestSoFarCurve(trials, spec.direction),
    reason: 'user-stopped',
    pruner: null,
    partial: true,
  };
}

/** Counts by state, for headlines and the runs list. */
export function trialCounts(trials: Trial[]): Record<Trial['state'], number> {
  const c = { running: 0, complete: 0, pruned: 0, failed: 0 };
  for (const t of trials) c[t.state]++;
  return c;
}
