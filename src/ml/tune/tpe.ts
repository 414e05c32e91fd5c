import type { Rng } from '../data/rng';
import { categoricalParzen, logPdfNumeric, numericParzen, sampleCategorical, sampleNumeric, type NumericParzen } from './parzen';
import { bounds, choiceIndex, inSpace, intStep, intTop, sampleParam, sampleRandom, snapInt, type ParamSpec, type ParamValue, type Params, type SearchSpace } from './space';

export type Direction = 'maximize' | 'minimize';

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011) in its univariate form, with Optuna's
 * defaults as the reference: random until `startupTrials` trials have finished, then per
 * parameter: split finished trials into a good fraction γ and the rest, fit l(x) to the good and
 * g(x) to the rest, draw `candidates` points from l and keep the one maximising l(x)/g(x).
 */
export interface TpeOptions {
  /** trials drawn at random before TPE starts (Optuna: 10) */
  startupTrials: number;
  /** draws from l(x) per parameter per trial (Optuna: 24) */
  candidates: number;
  /** fraction of finished trials counted as good: ⌈γ·n⌉, capped at 25 (Optuna: 0.1) */
  gamma: number;
  /** weight of the prior kernel in both estimators (Optuna: 1) */
  priorWeight: number;
}

export const DEFAULT_TPE: TpeOptions = { startupTrials: 10, candidates: 24, gamma: 0.1, priorWeight: 1 };

/** What TPE reads from a finished trial. Failed trials are not observations. */
export interface TpeObservation {
  params: Params;
  state: 'complete' | 'pruned';
  /** complete: the objective; pruned: the value that got it pruned */
  value: number;
  /** pruned: the last step reached (further is better); ignored for complete trials */
  step: number;
}

export function nGood(n: number, gamma: number): number {
  return Math.min(Math.ceil(gamma * n), 25);
}

/**
 * Good/bad split, Optuna's order: complete trials best first, then pruned trials (those that got
 * further first, then by value), so a pruned trial is only "good" when too few trials completed.
 * Both groups keep trial order, which the estimators' age weights rely on.
 */
export function splitObservations(obs: TpeObservation[], direction: Direction, gamma: number): { good: TpeObservation[]; bad: TpeObservation[] } {
  const sign = direction === 'maximize' ? -1 : 1;
  const ranked = obs
    .map((o, i) => ({ o, i }))
    .sort((a, b) => {
      if (a.o.state !== b.o.state) return a.o.state === 'complete' ? -1 : 1;
      if (a.o.state === 'pruned' && a.o.step !== b.o.step) return b.o.step - a.o.step;
      return sign * (a.o.value - b.o.value) || a.i - b.i;
    });
  const k = nGood(obs.length, gamma);
  const goodIdx = new Set(ranked.slice(0, k).map((r) => r.i));
  return { good: obs.filter((_, i) => goodIdx.has(i)), bad: obs.filter((_, i) => !goodIdx.has(i)) };
}

/** A numeric parameter's estimator domain: log scale for log-uniform, ±step/2 around the int grid. */
function internal(p: ParamSpec): { low: number; high: number; step: number | null; to: (v: number) => number; from: (x: number) => number } {
  const { low, high } = bounds(p);
  if (p.kind === 'log-uniform') return { low: Math.log(low), high: Math.log(high), step: null, to: Math.log, from: Math.exp };
  if (p.kind === 'int') {
    const s = intStep(p);
    return { low: low - s / 2, high: intTop(p) + s / 2, step: s, to: (v) => v, from: (x) => snapInt(p, x) };
  }
  return { low, high, step: null, to: (v) => v, from: (x) => Math.min(high, Math.max(low, x)) };
}

function argmaxRatio<T>(cands: T[], score: (c: T) => number): T {
  let best = cands[0];
  let bestScore = -Infinity;
  for (const c of cands) {
    const s = score(c);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

function suggestNumeric(p: ParamSpec, good: number[], bad: number[], rng: Rng, o: TpeOptions): number {
  const d = internal(p);
  if (d.high <= d.low) return d.from(d.low);
  const l: NumericParzen = numericParzen(good.map(d.to), d.low, d.high, d.step, o.priorWeight);
  const g: NumericParzen = numericParzen(bad.map(d.to), d.low, d.high, d.step, o.priorWeight);
  const cands: number[] = [];
  for (let i = 0; i < o.candidates; i++) {
    const x = sampleNumeric(l, rng);
    // ints are scored where they will land on the grid, so the ratio compares real options
    cands.push(d.step !== null ? d.to(d.from(x)) : x);
  }
  return d.from(argmaxRatio(cands, (x) => logPdfNumeric(l, x) - logPdfNumeric(g, x)));
}

function suggestCategorical(p: ParamSpec, good: number[], bad: number[], rng: Rng, o: TpeOptions): ParamValue {
  const choices = p.choices ?? [];
  const l = categoricalParzen(good, choices.length, o.priorWeight);
  const g = categoricalParzen(bad, choices.length, o.priorWeight);
  const cands: number[] = [];
  for (let i = 0; i < o.candidates; i++) cands.push(sampleCategorical(l, rng));
  return choices[argmaxRatio(cands, (c) => Math.log(l[c]) - Math.log(g[c]))];
}

/**
 * Next trial's parameters given the finished ones. Deterministic in (space, observations, rng
 * state); parameters are suggested in space order from the same rng.
 */
export function sampleTpe(space: SearchSpace, observations: TpeObservation[], direction: Direction, rng: Rng, options: Partial<TpeOptions> = {}): Params {
  const o: TpeOptions = { ...DEFAULT_TPE, ...options };
  const usable = observations.filter((x) => Number.isFinite(x.value));
  if (usable.length < Math.max(1, o.startupTrials)) return sampleRandom(space, rng);
  const { good, bad } = splitObservations(usable, direction, o.gamma);
  const out: Params = {};
  for (const p of space) {
    // a trial stored under an older space may lack a parameter or hold a value it cannot: skip it for this one
    const vals = (group: TpeObservation[]) => group.map((x) => x.params[p.name]).filter((v): v is ParamValue => inSpace(p, v));
    const gv = vals(good);
    const bv = vals(bad);
    if (gv.length === 0 && bv.length === 0) {
      out[p.name] = sampleParam(p, rng);
    } else if (p.kind === 'categorical') {
      out[p.name] = suggestCategorical(p, gv.map((v) => choiceIndex(p, v)), bv.map((v) => choiceIndex(p, v)), rng, o);
    } else {
      const nums = (vs: ParamValue[]) => vs.filter((v): v is number => typeof v === 'number');
      out[p.name] = suggestNumeric(p, nums(gv), nums(bv), rng, o);
    }
  }
  return out;
}
