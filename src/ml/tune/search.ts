import { mulberry32, type Rng } from '../data/rng';
import { emptyPrunerState, reportToPruner, validateHalving, type HalvingConfig, type PrunerState } from './pruning';
import { sampleRandom, validateSpace, type Params, type SearchSpace } from './space';
import { sampleTpe, type Direction, type TpeObservation, type TpeOptions } from './tpe';

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

export interface IntermediateValue {
  step: number;
  value: number;
}

export interface Trial {
  index: number;
  params: Params;
  state: TrialState;
  /**
   * complete: what the objective returned; pruned: the best value it had reported (the one the
   * pruner judged); failed: null
   */
  value: number | null;
  /** every value reported, in order */
  intermediate: IntermediateValue[];
  /** steps the objective said it ran (pruned: the last step reported) */
  steps: number;
  durationMs: number;
  /** failed: why */
  error?: string;
  /** pruned: the step of the rung that stopped it */
  prunedAt?: number;
}

export type ReportVerdict = 'continue' | 'prune';

/**
 * Trains one configuration. It calls `report(step, value)` as it goes (an epoch, a value of the
 * searched metric) and should stop soon after a 'prune'; whatever it returns then is ignored.
 */
export type Objective = (params: Params, trialIndex: number, report: (step: number, value: number) => ReportVerdict) => Promise<{ value: number; steps: number }>;

export type TrialEvent =
  | { type: 'started'; trial: Trial }
  | { type: 'step'; trial: Trial; step: number; value: number }
  | { type: 'finished'; trial: Trial };

export interface SearchOptions {
  space: SearchSpace;
  trials: number;
  sampler: 'random' | 'tpe';
  tpe?: Partial<TpeOptions>;
  seed: number;
  direction: Direction;
  /** the name of what the objective returns, carried into the result for display */
  metric: string;
  pruner: HalvingConfig | null;
  objective: Objective;
  /** live progress; the trial passed is a snapshot */
  onTrial?: (e: TrialEvent) => void;
  /** checked before each trial and at each report; a trial interrupted by it is recorded as failed */
  shouldStop?: () => boolean;
  now?: () => number;
}

export interface SearchResult {
  metric: string;
  direction: Direction;
  trials: Trial[];
  /** the best complete trial (earliest on ties), null when none completed */
  best: Trial | null;
  /** per trial index: the best complete value up to and including it */
  bestSoFar: (number | null)[];
  reason: 'completed' | 'user-stopped';
  pruner: PrunerState | null;
}

/** Each trial draws from its own stream, so trial i's random draw does not depend on how many numbers earlier trials used. */
export function trialRng(seed: number, index: number): Rng {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = (h ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return mulberry32(h ^ (h >>> 15));
}

export function better(a: number, b: number, direction: Direction): boolean {
  return direction === 'maximize' ? a > b : a < b;
}

export function toObservations(trials: Trial[]): TpeObservation[] {
  const out: TpeObservation[] = [];
  for (const t of trials) {
    if ((t.state === 'complete' || t.state === 'pruned') && t.value !== null) out.push({ params: t.params, state: t.state, value: t.value, step: t.steps });
  }
  return out;
}

/** Next parameters for trial `index` from the trials finished before it. */
export function suggest(opts: Pick<SearchOptions, 'space' | 'sampler' | 'tpe' | 'seed' | 'direction'>, index: number, finished: Trial[]): Params {
  const rng = trialRng(opts.seed, index);
  if (opts.sampler === 'random') return sampleRandom(opts.space, rng);
  return sampleTpe(opts.space, toObservations(finished), opts.direction, rng, opts.tpe);
}

export function bestTrial(trials: Trial[], direction: Direction): Trial | null {
  let best: Trial | null = null;
  for (const t of trials) if (t.state === 'complete' && t.value !== null && (best === null || better(t.value, best.value ?? NaN, direction))) best = t;
  return best;
}

export function bestSoFarCurve(trials: Trial[], direction: Direction): (number | null)[] {
  let cur: number | null = null;
  return trials.map((t) => {
    if (t.state === 'complete' && t.value !== null && (cur === null || better(t.value, cur, direction))) cur = t.value;
    return cur;
  });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function snapshot(t: Trial): Trial {
  return { ...t, params: { ...t.params }, intermediate: t.intermediate.slice() };
}

/**
 * Runs the trials one after another. A trial whose objective throws or returns a non-finite value
 * is marked failed with the reason and the search goes on; a non-finite reported value is
 * answered 'prune' (nothing more to learn from it) and also ends as failed.
 */
export async function runSearch(opts: SearchOptions): Promise<SearchResult> {
  const errs = [...validateSpace(opts.space), ...(opts.pruner ? validateHalving(opts.pruner) : [])];
  if (!(Number.isInteger(opts.trials) && opts.trials >= 1)) errs.push('the number of trials must be a positive integer');
  if (errs.length > 0) throw new Error(errs.join('; '));
  const now = opts.now ?? (() => performance.now());
  const trials: Trial[] = [];
  let pruner: PrunerState | null = opts.pruner ? emptyPrunerState() : null;
  let reason: SearchResult['reason'] = 'completed';

  for (let index = 0; index < opts.trials; index++) {
    if (opts.shouldStop?.()) {
      reason = 'user-stopped';
      break;
    }
    const t0 = now();
    const trial: Trial = { index, params: suggest(opts, index, trials), state: 'running', value: null, intermediate: [], steps: 0, durationMs: 0 };
    opts.onTrial?.({ type: 'started', trial: snapshot(trial) });
    // written by `report` while the objective runs; an object so the checks after it see the writes
    const live: { best: number | null; prunedAt: number | null; badReport: string | null; stopped: boolean } = { best: null, prunedAt: null, badReport: null, stopped: false };

    const report = (step: number, value: number): ReportVerdict => {
      if (live.prunedAt !== null || live.badReport !== null) return 'prune';
      trial.intermediate.push({ step, value });
      trial.steps = Math.max(trial.steps, step);
      opts.onTrial?.({ type: 'step', trial: snapshot(trial), step, value });
      if (!Number.isFinite(value)) {
        live.badReport = `reported ${value} at step ${step}`;
        return 'prune';
      }
      if (opts.shouldStop?.()) {
        live.stopped = true;
        return 'prune';
      }
      // the pruner judges the best value so far: one noisy epoch should not end a good trial
      if (live.best === null || better(value, live.best, opts.direction)) live.best = value;
      if (opts.pruner && pruner) {
        const r = reportToPruner(pruner, opts.pruner, index, step, live.best, opts.direction);
        pruner = r.state;
        if (r.prune) {
          live.prunedAt = step;
          return 'prune';
        }
      }
      return 'continue';
    };

    try {
      const out = await opts.objective({ ...trial.params }, index, report);
      if (live.badReport !== null) throw new Error(live.badReport);
      if (live.stopped) throw new Error('stopped by the user before the trial finished');
      if (live.prunedAt !== null) {
        trial.state = 'pruned';
        trial.value = live.best;
        trial.prunedAt = live.prunedAt;
      } else if (!Number.isFinite(out.value)) {
        throw new Error(`the objective returned ${out.value}`);
      } else {
        trial.state = 'complete';
        trial.value = out.value;
        trial.steps = Number.isFinite(out.steps) ? out.steps : trial.steps;
      }
    } catch (e) {
      trial.state = 'failed';
      trial.value = null;
      trial.error = message(e);
    }
    trial.durationMs = now() - t0;
    trials.push(trial);
    opts.onTrial?.({ type: 'finished', trial: snapshot(trial) });
    if (live.stopped) {
      reason = 'user-stopped';
      break;
    }
  }
  return { metric: opts.metric, direction: opts.direction, trials, best: bestTrial(trials, opts.direction), bestSoFar: bestSoFarCurve(trials, opts.direction), reason, pruner };
}
