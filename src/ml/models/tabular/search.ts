import type { Frame } from '../../data/frame';
import type { PreprocessOptions } from '../../data/preprocess';
import type { SplitConfig, TaskKind, TaskSpec } from '../../task';
import { familyStudyErrors, maxOfParam, type SearchFamily, type SearchMetric } from '../../tune/family';
import type { SearchSpace } from '../../tune/space';
import type { StudySpec } from '../../tune/study';
import { tabularModels, type TabularConfig } from './config';
import { prepareTabular } from './prepare';
import { applyTabularParams, defaultTabularSpace, metricDirection, TABULAR_PARAM_RANGES, tabularSpaceErrors, tabularTrial } from './search-objective';
import type { TrainEngine } from './train-tabular';

/** Validation metrics a tabular search can optimise, per task (the keys evaluateTask writes), plus the validation loss. */
const METRICS: Record<TaskKind, string[]> = {
  binary: ['accuracy', 'roc_auc', 'f1', 'log_loss', 'brier'],
  multiclass: ['accuracy', 'f1_macro', 'log_loss'],
  ordinal: ['qwk', 'accuracy', 'mae', 'adjacent_accuracy'],
  regression: ['mae', 'rmse', 'r2'],
};

export function tabularMetricChoices(kind: TaskKind): string[] {
  return [...METRICS[kind], 'val_loss'];
}

/** The most epochs any trial can run: the base config's, or the top of an `epochs` param. */
export function maxTrialEpochs(base: TabularConfig, space: SearchSpace): number {
  return maxOfParam(space, 'epochs', base.epochs);
}

/** What a tabular search trains on: the table, its task, split and preprocessing, the same for every trial. */
export interface TabularSearchInput {
  frame: Frame;
  task: TaskSpec;
  split: SplitConfig;
  preprocess: PreprocessOptions;
}

/**
 * The network on a table: trials train on the engine a single run of the base config would, so
 * the best trial retrained as a run reproduces its figure (engines agree only to float rounding,
 * and their dropout masks differ).
 */
export const tabularSearch: SearchFamily<TabularSearchInput, TabularConfig, TrainEngine> = {
  id: 'tabular',
  label: 'network',
  resource: 'epochs',
  firstRung: 3,
  params: TABULAR_PARAM_RANGES,
  spaceErrors: tabularSpaceErrors,
  defaultSpace: () => defaultTabularSpace(),
  metrics: (ctx): SearchMetric[] => tabularMetricChoices(ctx.kind ?? 'binary').map((key) => ({ key, direction: metricDirection(key) })),
  applyParams: applyTabularParams,
  maxSteps: maxTrialEpochs,
  engine: { what: (base, space) => tabularModels(space.some((p) => p.name === 'architecture') ? ['mlp', 'linear'] : [base.architecture]), gpuPath: true },
  describeInput: (i) => `${i.frame.rowCount.toLocaleString('en-US')} rows (${i.split.strategy} split)`,
  prepare: ({ input, metric, engine }) => {
    // one split for every trial, so trials differ only in their params
    const prepared = prepareTabular(input.frame, input.task, input.split, input.preprocess);
    return {
      splitSizes: prepared.sizes,
      featureNames: prepared.preprocess.featureNames,
      droppedRows: prepared.droppedRows,
      runTrial: (config, report, hooks) => tabularTrial({ prepared, metric, engine, shouldStop: hooks.shouldStop, onEpoch: (e) => hooks.onStep?.(e) }, config, report),
    };
  },
};

/** Everything wrong with a tabular study before its first trial: one line each, naming the param. */
export function tabularStudyErrors(spec: StudySpec, kind: TaskKind): string[] {
  return familyStudyErrors(tabularSearch, spec, { kind });
}
