import type { TaskKind } from '../../task';
import { headlineMetric } from '../../metrics/evaluate';
import { higherIsBetter } from '../../metrics/direction';
import { validateTabularConfig, type Activation, type TabularConfig } from './config';
import type { PreparedTabular } from './prepare';
import { trainTabular, type EpochSummary, type TrainEngine } from './train-tabular';
import { unknownSettings } from '../../tune/family';
import type { Objective, ReportVerdict } from '../../tune/search';
import type { ParamSpec, ParamValue, Params, SearchSpace } from '../../tune/space';
import type { Direction } from '../../tune/tpe';

/** The TabularConfig keys a search may set; a sampled param is applied under its own name. */
export const TUNABLE_TABULAR = ['learningRate', 'l2', 'dropout', 'batchSize', 'hiddenUnits', 'activation', 'architecture', 'epochs'] as const;
type Tunable = (typeof TUNABLE_TABULAR)[number];

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'elu', 'selu', 'sigmoid'];

/** Ranges a first search would try for each setting (the editor offers these when a row picks one); hiddenUnits are layer widths joined by "x". */
export const TABULAR_PARAM_RANGES: Record<Tunable, Omit<ParamSpec, 'name'>> = {
  learningRate: { kind: 'log-uniform', low: 1e-4, high: 3e-2 },
  l2: { kind: 'log-uniform', low: 1e-6, high: 1e-2 },
  dropout: { kind: 'uniform', low: 0, high: 0.5 },
  batchSize: { kind: 'categorical', choices: [16, 32, 64] },
  hiddenUnits: { kind: 'categorical', choices: ['16', '32', '32x16', '64x32'] },
  activation: { kind: 'categorical', choices: ['relu', 'tanh', 'elu'] },
  architecture: { kind: 'categorical', choices: ['linear', 'mlp'] },
  epochs: { kind: 'int', low: 10, high: 60, step: 10 },
};

/** The ranges a first search on a small table should cover. */
export function defaultTabularSpace(): SearchSpace {
  return [
    { name: 'learningRate', kind: 'log-uniform', low: 1e-4, high: 3e-2 },
    { name: 'l2', kind: 'log-uniform', low: 1e-6, high: 1e-2 },
    { name: 'dropout', kind: 'uniform', low: 0, high: 0.5 },
    { name: 'hiddenUnits', kind: 'categorical', choices: ['16', '32', '32x16', '64x32'] },
    { name: 'batchSize', kind: 'categorical', choices: [16, 32, 64] },
  ];
}

export function metricDirection(metric: string): Direction {
  return higherIsBetter(metric) ? 'maximize' : 'minimize';
}

/** The task's headline validation metric and its direction (accuracy for classification, MAE for regression, QWK for ordinal). */
export function defaultTabularMetric(kind: TaskKind): { metric: string; direction: Direction } {
  const h = headlineMetric(kind);
  return { metric: h.key, direction: h.higherIsBetter ? 'maximize' : 'minimize' };
}

/** "64x32" → [64, 32]; a number is one layer. Throws on anything else, so a bad choice fails its trial loudly. */
export function parseHiddenUnits(v: ParamValue): number[] {
  const parts = typeof v === 'number' ? [v] : typeof v === 'string' ? v.split(/\s*[x×,]\s*/).map(Number) : [];
  if (parts.length === 0 || parts.some((u) => !Number.isInteger(u) || u < 1)) throw new Error(`hiddenUnits: "${String(v)}" is not a list of layer widths like "32x16"`);
  return parts;
}

function num(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

function isTunable(name: string): name is Tunable {
  return (TUNABLE_TABULAR as readonly string[]).includes(name);
}

/** Names a tabular search cannot set; checked before the first trial so a typo is not twelve failed trials. */
export function tabularSpaceErrors(space: SearchSpace): string[] {
  return unknownSettings(space, TUNABLE_TABULAR, 'setting');
}

/** The base config with the sampled values put in; ints for batch size and epochs are rounded. Throws on a value the config cannot take. */
export function applyTabularParams(base: TabularConfig, params: Params): TabularConfig {
  const c: TabularConfig = { ...base, hiddenUnits: base.hiddenUnits.slice(), earlyStopping: { ...base.earlyStopping } };
  for (const [name, v] of Object.entries(params)) {
    if (!isTunable(name)) throw new Error(`${name}: not a tunable setting`);
    switch (name) {
      case 'hiddenUnits':
        c.hiddenUnits = parseHiddenUnits(v);
        break;
      case 'activation':
        if (!ACTIVATIONS.includes(v as Activation)) throw new Error(`activation: "${String(v)}" is not one of ${ACTIVATIONS.join(', ')}`);
        c.activation = v as Activation;
        break;
      case 'architecture':
        if (v !== 'linear' && v !== 'mlp') throw new Error(`architecture: "${String(v)}" is not linear or mlp`);
        c.architecture = v;
        break;
      case 'batchSize':
      case 'epochs':
        c[name] = Math.round(num(name, v));
        break;
      default:
        c[name] = num(name, v);
    }
  }
  const errs = validateTabularConfig(c);
  if (errs.length > 0) throw new Error(errs.join('; '));
  return c;
}

export interface TabularObjectiveOptions {
  prepared: PreparedTabular;
  base: TabularConfig;
  /** a key of the validation metrics (accuracy, log_loss, mae…) or 'val_loss' */
  metric: string;
  /** a user stop: ends the current fit at the next batch */
  shouldStop?: () => boolean;
  onEpoch?: (trial: number, e: EpochSummary) => void;
  /**
   * What every trial trains on (absent: TF.js). The worker passes the engine a single run would
   * use, so the best trial retrained as a run reproduces its figure: engines agree only to float
   * rounding, and their dropout masks differ.
   */
  engine?: TrainEngine;
}

function metricOf(e: EpochSummary, metric: string): number {
  if (metric === 'val_loss') return e.valLoss;
  const v = e.valMetrics[metric];
  if (v === undefined) throw new Error(`no validation metric "${metric}" (have val_loss, ${Object.keys(e.valMetrics).join(', ')})`);
  return v;
}

/** One trial: `config` trained on the prepared split, `report` told the metric after every epoch; a 'prune' ends the fit after that epoch. */
export async function tabularTrial(o: Omit<TabularObjectiveOptions, 'base' | 'onEpoch'> & { onEpoch?: (e: EpochSummary) => void }, config: TabularConfig, report: (step: number, value: number) => ReportVerdict): Promise<{ value: number; steps: number }> {
  let pruned = false;
  let lastValLoss = NaN;
  // a throw inside onEpoch would skip trainTabular's model disposal: stop the fit and rethrow after
  let metricError: Error | null = null;
  const trained = await trainTabular(
    o.prepared,
    config,
    {
      shouldStop: () => pruned || metricError !== null || (o.shouldStop?.() ?? false),
      onEpoch: (e) => {
        lastValLoss = e.valLoss;
        o.onEpoch?.(e);
        try {
          if (report(e.epoch, metricOf(e, o.metric)) === 'prune') pruned = true;
        } catch (err) {
          metricError = err instanceof Error ? err : new Error(String(err));
        }
      },
    },
    undefined,
    o.engine,
  );
  trained.model.dispose();
  if (metricError) throw metricError;
  const fit = trained.fit;
  if (fit.reason === 'non-finite-loss') throw new Error(fit.message ?? 'the loss became non-finite');
  const kept = o.metric === 'val_loss' ? (config.earlyStopping.restoreBestWeights ? fit.bestValLoss : lastValLoss) : trained.finalMetrics[o.metric];
  if (kept === undefined) throw new Error(`no validation metric "${o.metric}"`);
  return { value: kept, steps: fit.epochsRun };
}

/**
 * Trains `base` with each trial's params on the same prepared split (so trials differ only in
 * their params), reporting the metric after every epoch. The value returned is the metric of the
 * weights the run keeps — the best-val-loss epoch's when early stopping restores them — not the
 * best epoch's metric: it is what training with these params actually gives, and compares like
 * with like against a plain run.
 */
export function tabularObjective(o: TabularObjectiveOptions): Objective {
  return async (params, trialIndex, report) => tabularTrial({ ...o, onEpoch: (e) => o.onEpoch?.(trialIndex, e) }, applyTabularParams(o.base, params), report);
}
