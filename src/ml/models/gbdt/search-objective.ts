import { heldOutReportOf } from '../../eval/cv-result';
import { validateGbdtConfig, type GbdtConfig, type Growth } from './config';
import { fitGbdt, type GbdtRoundReport } from './fit-gbdt';
import type { GbdtModel } from './model';
import { gbdtValidationReport, type GbdtHoldoutData } from './train-gbdt';
import type { TaskKind } from '../../task';
import { unknownSettings } from '../../tune/family';
import type { Objective, ReportVerdict } from '../../tune/search';
import type { ParamSpec, ParamValue, Params, SearchSpace } from '../../tune/space';

/** The GbdtConfig keys a search may set; the seed stays the base config's so trials differ only in their params. */
export const TUNABLE_GBDT = ['learningRate', 'maxDepth', 'numLeaves', 'minSamplesLeaf', 'l2', 'rowSubsample', 'colSubsample', 'rounds', 'growth', 'minChildWeight', 'maxBins', 'earlyStoppingRounds'] as const;
type Tunable = (typeof TUNABLE_GBDT)[number];

const INT_KEYS = new Set<Tunable>(['maxDepth', 'numLeaves', 'minSamplesLeaf', 'rounds', 'maxBins', 'earlyStoppingRounds']);

/** Ranges a first search on a small table would try for each setting (the editor offers these when a row picks one). */
export const GBDT_PARAM_RANGES: Record<Tunable, Omit<ParamSpec, 'name'>> = {
  learningRate: { kind: 'log-uniform', low: 0.01, high: 0.3 },
  maxDepth: { kind: 'int', low: 2, high: 8 },
  numLeaves: { kind: 'int', low: 8, high: 64 },
  minSamplesLeaf: { kind: 'int', low: 2, high: 40 },
  l2: { kind: 'log-uniform', low: 1e-3, high: 10 },
  rowSubsample: { kind: 'uniform', low: 0.5, high: 1 },
  colSubsample: { kind: 'uniform', low: 0.3, high: 1 },
  rounds: { kind: 'int', low: 50, high: 300, step: 50 },
  growth: { kind: 'categorical', choices: ['depthwise', 'leafwise'] },
  minChildWeight: { kind: 'log-uniform', low: 1e-3, high: 10 },
  maxBins: { kind: 'categorical', choices: [32, 64, 128, 255] },
  earlyStoppingRounds: { kind: 'int', low: 10, high: 50, step: 10 },
};

function range(name: Tunable): ParamSpec {
  const r = GBDT_PARAM_RANGES[name];
  return { name, ...r, ...(r.choices ? { choices: r.choices.slice() } : {}) };
}

/** The first search: tree size is maxDepth for depth-wise growth, numLeaves for leaf-wise (the other cap barely binds). */
export function defaultGbdtSpace(growth: Growth = 'depthwise'): SearchSpace {
  return ['learningRate', growth === 'leafwise' ? 'numLeaves' : 'maxDepth', 'minSamplesLeaf', 'l2', 'rowSubsample', 'colSubsample'].map((n) => range(n as Tunable));
}

function isTunable(name: string): name is Tunable {
  return (TUNABLE_GBDT as readonly string[]).includes(name);
}

/** Names a GBDT search cannot set; checked before the first trial. */
export function gbdtSpaceErrors(space: SearchSpace): string[] {
  return unknownSettings(space, TUNABLE_GBDT, 'GBDT setting');
}

function num(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

/** The base config with the sampled values put in (integer settings rounded). Throws, naming the setting, on a value the config cannot take. */
export function applyGbdtParams(base: GbdtConfig, params: Params): GbdtConfig {
  const c: GbdtConfig = { ...base };
  for (const [name, v] of Object.entries(params)) {
    if (!isTunable(name)) throw new Error(`${name}: not a tunable GBDT setting`);
    if (name === 'growth') {
      if (v !== 'depthwise' && v !== 'leafwise') throw new Error(`growth: "${String(v)}" is not depthwise or leafwise`);
      c.growth = v;
    } else c[name] = INT_KEYS.has(name) ? Math.round(num(name, v)) : num(name, v);
  }
  const errs = validateGbdtConfig(c);
  if (errs.length > 0) throw new Error(errs.join('; '));
  return c;
}

/** Validation metrics a GBDT search can optimise, per task: the keys of the holdout run's validation report. */
const METRICS: Record<TaskKind, string[]> = {
  binary: ['accuracy', 'roc_auc', 'f1', 'log_loss', 'brier'],
  multiclass: ['accuracy', 'f1_macro', 'log_loss'],
  ordinal: ['qwk', 'accuracy', 'mae', 'adjacent_accuracy'],
  regression: ['mae', 'rmse', 'r2'],
};

export function gbdtMetricChoices(kind: TaskKind): string[] {
  return METRICS[kind].slice();
}

export interface GbdtObjectiveOptions {
  data: GbdtHoldoutData;
  kind: TaskKind;
  base: GbdtConfig;
  metric: string;
  /** report to the pruner every this many rounds (1: every round); rungs are in rounds either way */
  reportEvery?: number;
  shouldStop?: () => boolean;
  onRound?: (trial: number, r: GbdtRoundReport) => void;
}

function metricOf(kind: TaskKind, data: GbdtHoldoutData, predictions: Float64Array, metric: string): number {
  const y = Float64Array.from(data.split.validation, (r) => data.y[r]);
  // fromRaw gives P(positive) for binary; reports take [1 − p, p]
  const outputs = kind === 'binary' ? Float64Array.from({ length: predictions.length * 2 }, (_, j) => (j % 2 ? predictions[j >> 1] : 1 - predictions[j >> 1])) : predictions;
  const v = heldOutReportOf(kind, y, outputs, data.labels ?? []).metrics[metric];
  if (v === undefined) throw new Error(`no validation metric "${metric}" for a ${kind} task`);
  return v;
}

/** One trial: `config` fitted on the train rows, `report` told the validation metric every `reportEvery` rounds; a 'prune' ends the fit. */
export async function gbdtTrial(o: Omit<GbdtObjectiveOptions, 'base' | 'onRound'> & { onRound?: (r: GbdtRoundReport) => void }, config: GbdtConfig, report: (step: number, value: number) => ReportVerdict): Promise<{ value: number; steps: number }> {
  const every = Math.max(1, Math.round(o.reportEvery ?? 1));
  let pruned = false;
  const d = o.data;
  const fit = await fitGbdt({ x: d.x, featureNames: d.featureNames, y: d.y, trainRows: d.split.train, validationRows: d.split.validation, categorical: d.categoricalFeatures }, o.kind, d.classes, config, {
    shouldStop: () => pruned || (o.shouldStop?.() ?? false),
    onRound: (r) => o.onRound?.(r),
    onValidation: (round, predict) => {
      if (round % every !== 0 && round !== config.rounds) return;
      if (report(round, metricOf(o.kind, d, predict(), o.metric)) === 'prune') pruned = true;
    },
  });
  const model: GbdtModel = { ...fit.model, labels: d.labels, ...(d.categorical.length ? { categorical: d.categorical } : {}) };
  const value = gbdtValidationReport(model, d).metrics[o.metric];
  if (value === undefined) throw new Error(`no validation metric "${o.metric}"`);
  return { value, steps: fit.history.length };
}

/**
 * Fits `base` with each trial's params on the same features and split, reporting the validation
 * metric every `reportEvery` rounds, so successive halving prunes by rounds. The value returned is
 * the metric of the model the run keeps (the best round under early stopping), scored exactly as a
 * holdout run scores its validation rows: training the best trial as a run gives the same figure.
 */
export function gbdtObjective(o: GbdtObjectiveOptions): Objective {
  if (o.data.split.validation.length === 0) throw new Error('a search needs validation rows: set a validation fraction above 0');
  return async (params, trialIndex, report) => gbdtTrial({ ...o, onRound: (r) => o.onRound?.(trialIndex, r) }, applyGbdtParams(o.base, params), report);
}
