import type { Direction } from './tpe';

/**
 * Asynchronous successive halving, as Optuna's `SuccessiveHalvingPruner` (min_early_stopping_rate
 * 0, no bootstrap): rung k sits at step minResource·η^k; a trial reaching a rung records its value
 * there and continues only if that value is in the top 1/η of all values recorded at the rung so
 * far, itself included. Trials run one after another, so "so far" means the trials before it.
 */
export interface HalvingConfig {
  /** steps (epochs) before the first rung */
  minResource: number;
  /** η: the fraction 1/η of trials promoted at each rung (Optuna: 3) */
  reductionFactor: number;
}

export interface RungEntry {
  trial: number;
  value: number;
}

/** Plain data, so a study can be saved and resumed: rungs[k] holds the values recorded at rung k. */
export interface PrunerState {
  rungs: RungEntry[][];
}

export function emptyPrunerState(): PrunerState {
  return { rungs: [] };
}

export function validateHalving(c: HalvingConfig): string[] {
  const errs: string[] = [];
  if (!(Number.isInteger(c.minResource) && c.minResource >= 1)) errs.push('pruning: min resource must be a positive integer (epochs)');
  if (!(Number.isInteger(c.reductionFactor) && c.reductionFactor >= 2)) errs.push('pruning: reduction factor must be an integer ≥ 2');
  return errs;
}

export function rungStep(c: HalvingConfig, k: number): number {
  return c.minResource * c.reductionFactor ** k;
}

/** true when `value` is not ranked within the best ⌊n/η⌋ (at least the best 1) of the rung's n values, counting itself; ties promote. */
export function shouldPrune(rungValues: number[], value: number, direction: Direction, reductionFactor: number): boolean {
  if (!Number.isFinite(value)) return true;
  const all = [...rungValues.filter(Number.isFinite), value].sort((a, b) => (direction === 'maximize' ? b - a : a - b));
  // Optuna's promotable index: with fewer than η values only a trial matching the best goes on
  const idx = Math.max(0, Math.floor(all.length / reductionFactor) - 1);
  return direction === 'maximize' ? value < all[idx] : value > all[idx];
}

/** The rungs this trial has already passed (it records a value at each one in order). */
export function rungsPassed(state: PrunerState, trial: number): number {
  let k = 0;
  while (k < state.rungs.length && state.rungs[k].some((e) => e.trial === trial)) k++;
  return k;
}

/**
 * A trial reports `value` at `step`. Each rung whose step it has now reached gets the value
 * recorded (a report that skips past several rungs fills them all, like Optuna), and the trial is
 * pruned at the first rung where it falls outside the top 1/η. Returns a new state; the input is
 * left untouched.
 */
export function reportToPruner(
  state: PrunerState,
  config: HalvingConfig,
  trial: number,
  step: number,
  value: number,
  direction: Direction,
): { prune: boolean; state: PrunerState; rung: number | null } {
  const rungs = state.rungs.slice();
  let k = rungsPassed(state, trial);
  while (step >= rungStep(config, k)) {
    const others = (rungs[k] ?? []).filter((e) => e.trial !== trial).map((e) => e.value);
    rungs[k] = [...(rungs[k] ?? []), { trial, value }];
    if (shouldPrune(others, value, direction, config.reductionFactor)) return { prune: true, state: { rungs }, rung: k };
    k++;
  }
  return { prune: false, state: { rungs }, rung: null };
}
