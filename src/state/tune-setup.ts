import type { Growth } from '../ml/models/gbdt/config';
import type { TaskKind } from '../ml/task';
import { defaultGbdtSpace, GBDT_PARAM_RANGES, gbdtMetricChoices, TUNABLE_GBDT } from '../ml/tune/gbdt-objective';
import type { ParamKind, ParamSpec, ParamValue, SearchSpace } from '../ml/tune/space';
import type { StudySpec } from '../ml/tune/study';
import { defaultTabularMetric, defaultTabularSpace, metricDirection, TUNABLE_TABULAR } from '../ml/tune/tabular-objective';
import { tabularMetricChoices } from '../ml/tune/tabular-study';

/** The model family a search trains: each has its own settings to search and its own form per dataset. */
export type TuneFamily = 'tabular' | 'gbdt';

/** The search form of one dataset: what the panel edits, turned into a StudySpec at start. */
export interface TuneSetup {
  space: SearchSpace;
  trials: number;
  sampler: 'random' | 'tpe';
  /** TPE draws at random until this many trials have finished */
  startupTrials: number;
  seed: number;
  metric: string;
  pruning: boolean;
  /** epochs before the first halving rung */
  minResource: number;
  /** η: one in η trials goes on at each rung */
  reductionFactor: number;
}

export function defaultTuneSetup(kind: TaskKind, family: TuneFamily = 'tabular', growth: Growth = 'depthwise'): TuneSetup {
  return {
    space: family === 'gbdt' ? defaultGbdtSpace(growth) : defaultTabularSpace(),
    trials: 12,
    sampler: 'tpe',
    // TPE's usual 10 random trials would be the whole of a 12-trial browser search
    startupTrials: 4,
    seed: 2024,
    metric: defaultTabularMetric(kind).metric,
    pruning: true,
    // a round is a far smaller step than an epoch: the first GBDT rung waits for a few trees
    minResource: family === 'gbdt' ? 10 : 3,
    reductionFactor: 3,
  };
}

export function metricChoices(kind: TaskKind, family: TuneFamily = 'tabular'): string[] {
  return family === 'gbdt' ? gbdtMetricChoices(kind) : tabularMetricChoices(kind);
}

export function tunableNames(family: TuneFamily = 'tabular'): readonly string[] {
  return family === 'gbdt' ? TUNABLE_GBDT : TUNABLE_TABULAR;
}

/** The study the worker runs; a metric the task does not report (the target changed) falls back to its headline. */
export function studySpec(s: TuneSetup, kind: TaskKind, family: TuneFamily = 'tabular'): StudySpec {
  const metric = metricChoices(kind, family).includes(s.metric) ? s.metric : defaultTabularMetric(kind).metric;
  return {
    space: s.space,
    trials: s.trials,
    sampler: s.sampler,
    ...(s.sampler === 'tpe' ? { tpe: { startupTrials: s.startupTrials } } : {}),
    seed: s.seed,
    metric,
    direction: metricDirection(metric),
    pruner: s.pruning ? { minResource: s.minResource, reductionFactor: s.reductionFactor } : null,
  };
}

/** Ranges a first search would try for each setting, used when a row picks that setting. */
const PARAM_DEFAULTS: Record<(typeof TUNABLE_TABULAR)[number], Omit<ParamSpec, 'name'>> = {
  learningRate: { kind: 'log-uniform', low: 1e-4, high: 3e-2 },
  l2: { kind: 'log-uniform', low: 1e-6, high: 1e-2 },
  dropout: { kind: 'uniform', low: 0, high: 0.5 },
  batchSize: { kind: 'categorical', choices: [16, 32, 64] },
  hiddenUnits: { kind: 'categorical', choices: ['16', '32', '32x16', '64x32'] },
  activation: { kind: 'categorical', choices: ['relu', 'tanh', 'elu'] },
  architecture: { kind: 'categorical', choices: ['linear', 'mlp'] },
  epochs: { kind: 'int', low: 10, high: 60, step: 10 },
};

export function defaultParam(name: string, family: TuneFamily = 'tabular'): ParamSpec {
  const d = ((family === 'gbdt' ? GBDT_PARAM_RANGES : PARAM_DEFAULTS) as Record<string, Omit<ParamSpec, 'name'> | undefined>)[name];
  return d ? { name, ...d, ...(d.choices ? { choices: d.choices.slice() } : {}) } : { name, kind: 'uniform', low: 0, high: 1 };
}

/** The next setting not yet in the space, for "add parameter". */
export function nextParam(space: SearchSpace, family: TuneFamily = 'tabular'): ParamSpec {
  const used = new Set(space.map((p) => p.name));
  const names = tunableNames(family);
  return defaultParam(names.find((n) => !used.has(n)) ?? names[0], family);
}

/** A row switched to another kind keeps what still applies: bounds between numeric kinds, numeric choices as bounds and back. */
export function changeKind(p: ParamSpec, kind: ParamKind, family: TuneFamily = 'tabular'): ParamSpec {
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

/** Settings whose choices are numbers; every other categorical choice is kept as typed ("32x16", "tanh"). */
const NUMERIC_CHOICES = new Set(['learningRate', 'l2', 'dropout', 'batchSize', 'epochs', ...TUNABLE_GBDT.filter((n) => n !== 'growth')]);

/** "16, 32, 64" → choices; empty items are dropped. */
export function parseChoices(name: string, text: string): ParamValue[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!NUMERIC_CHOICES.has(name)) return items;
  return items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s));
}

export function formatChoices(choices: ParamValue[] | undefined): string {
  return (choices ?? []).map(String).join(', ');
}
