import { paramOf, studyMetric, tunableNames, type SearchContext, type SearchFamily } from '../ml/tune/family';
import type { ParamKind, ParamSpec, ParamValue, SearchSpace } from '../ml/tune/space';
import type { StudySpec } from '../ml/tune/study';

/** The search form of one dataset and family: what the panel edits, turned into a StudySpec at start. */
export interface TuneSetup {
  space: SearchSpace;
  trials: number;
  sampler: 'random' | 'tpe';
  /** TPE draws at random until this many trials have finished */
  startupTrials: number;
  seed: number;
  metric: string;
  pruning: boolean;
  /** steps (epochs, rounds) before the first halving rung */
  minResource: number;
  /** η: one in η trials goes on at each rung */
  reductionFactor: number;
}

/** A first search of the family: its default space over `base`, its default metric, pruning when a trial has steps to prune between. */
export function defaultTuneSetup(family: SearchFamily, ctx: SearchContext, base: unknown): TuneSetup {
  return {
    space: family.defaultSpace(base),
    trials: 12,
    sampler: 'tpe',
    // TPE's usual 10 random trials would be the whole of a 12-trial browser search
    startupTrials: 4,
    seed: 2024,
    metric: studyMetric(family, ctx, '').key,
    pruning: family.resource !== null,
    minResource: family.firstRung,
    reductionFactor: 3,
  };
}

export function metricChoices(family: SearchFamily, ctx: SearchContext): string[] {
  return family.metrics(ctx).map((m) => m.key);
}

/** The study the worker runs; a metric the family does not report here (the target changed) falls back to its default. */
export function studySpec(s: TuneSetup, family: SearchFamily, ctx: SearchContext): StudySpec {
  const m = studyMetric(family, ctx, s.metric);
  return {
    space: s.space,
    trials: s.trials,
    sampler: s.sampler,
    ...(s.sampler === 'tpe' ? { tpe: { startupTrials: s.startupTrials } } : {}),
    seed: s.seed,
    metric: m.key,
    direction: m.direction,
    pruner: s.pruning && family.resource !== null ? { minResource: s.minResource, reductionFactor: s.reductionFactor } : null,
  };
}

/** The range a first search would try for a setting, used when a row picks it. */
export function defaultParam(name: string, family: SearchFamily): ParamSpec {
  return paramOf(family, name) ?? { name, kind: 'uniform', low: 0, high: 1 };
}

/** The next setting not yet in the space, for "add parameter". */
export function nextParam(space: SearchSpace, family: SearchFamily): ParamSpec {
  const used = new Set(space.map((p) => p.name));
  const names = tunableNames(family);
  return defaultParam(names.find((n) => !used.has(n)) ?? names[0], family);
}

/** A row switched to another kind keeps what still applies: bounds between numeric kinds, numeric choices as bounds and back. */
export function changeKind(p: ParamSpec, kind: ParamKind, family: SearchFamily): ParamSpec {
  if (kind === p.kind) return p;
  if (kind === 'categorical') {
    const d = defaultParam(p.name, family);
    const choices = d.kind === 'categorical' ? d.choices : [p.low, p.high].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return { name: p.name, kind, choices: choices && choices.length > 0 ? choices : ['a', 'b'] };
  }
  const nums = (p.choices ?? []).filter((c): c is number => typeof c === 'number');
  let low = p.kind === 'categorical' ? (nums.length > 0 ? Math.min(...nums) : undefined) : p.low;
  let high = p.kind === 'categorical' ? (nums.length > 0 ? Math.max(...nums) : undefined) : p.high;
  const d = defaultParam(p.name, family);
  low ??= d.low ?? 0;
  high ??= d.high ?? 1;
  if (kind === 'int') return { name: p.name, kind, low: Math.round(low), high: Math.round(high) };
  return { name: p.name, kind, low, high };
}

/** The kind of value a setting takes, read from its default range: its choices' type, or a number for a range. */
function choiceType(name: string, family: SearchFamily): 'number' | 'boolean' | 'string' {
  const r = family.params[name];
  if (!r || r.kind !== 'categorical') return 'number';
  const c = r.choices ?? [];
  if (c.length > 0 && c.every((v) => typeof v === 'boolean')) return 'boolean';
  return c.length > 0 && c.every((v) => typeof v === 'number') ? 'number' : 'string';
}

/** "16, 32,, 64" → choices; empty items are dropped. Numbers and true/false where the setting takes them; anything else as typed ("32x16", "tanh"). */
export function parseChoices(name: string, text: string, family: SearchFamily): ParamValue[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const type = choiceType(name, family);
  if (type === 'boolean') return items.map((s) => (s === 'true' ? true : s === 'false' ? false : s));
  if (type === 'string') return items;
  return items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s));
}

export function formatChoices(choices: ParamValue[] | undefined): string {
  return (choices ?? []).map(String).join(', ');
}
