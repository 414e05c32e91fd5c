import type { Frame } from '../../data/frame';
import { higherIsBetter } from '../../metrics/direction';
import type { SplitConfig, TaskKind, TaskSpec } from '../../task';
import { familyStudyErrors, maxOfParam, type SearchFamily } from '../../tune/family';
import type { SearchSpace } from '../../tune/space';
import type { StudySpec } from '../../tune/study';
import type { GbdtConfig } from './config';
import { applyGbdtParams, defaultGbdtSpace, GBDT_PARAM_RANGES, gbdtMetricChoices, gbdtSpaceErrors, gbdtTrial } from './search-objective';
import { prepareGbdtHoldout } from './train-gbdt';

/** The most rounds any trial can run: the base config's, or the top of a `rounds` param. */
export function maxTrialRounds(base: GbdtConfig, space: SearchSpace): number {
  return maxOfParam(space, 'rounds', base.rounds);
}

/** What a GBDT search fits on: holdout only, every trial on the train rows, scored on the validation rows. */
export interface GbdtSearchInput {
  frame: Frame;
  /** the dataset's name, for messages that point at a row */
  source: string;
  task: TaskSpec;
  split: SplitConfig;
}

/** Trees train on their own histogram kernels: no TF.js backend nor engine is started for a GBDT search. */
export const gbdtSearch: SearchFamily<GbdtSearchInput, GbdtConfig> = {
  id: 'gbdt',
  label: 'GBDT',
  resource: 'rounds',
  // a round is a far smaller step than an epoch: the first rung waits for a few trees
  firstRung: 10,
  params: GBDT_PARAM_RANGES,
  spaceErrors: gbdtSpaceErrors,
  defaultSpace: (base) => defaultGbdtSpace(base.growth),
  metrics: (ctx) => gbdtMetricChoices(ctx.kind ?? 'binary').map((key) => ({ key, direction: higherIsBetter(key) ? 'maximize' : 'minimize' })),
  applyParams: applyGbdtParams,
  maxSteps: maxTrialRounds,
  engine: null,
  describeInput: (i) => `${i.frame.rowCount.toLocaleString('en-US')} rows (binning features, ${i.split.strategy} split)`,
  prepare: ({ input, metric }) => {
    // one set of features and one split for every trial, so trials differ only in their params
    const data = prepareGbdtHoldout(input.frame, input.source, input.task, input.split);
    if (data.split.validation.length === 0) throw new Error('a search needs validation rows: set a validation fraction above 0');
    const kind = input.task.kind;
    return {
      splitSizes: data.sizes,
      featureNames: data.featureNames,
      droppedRows: data.droppedRows,
      runTrial: (config, report, hooks) =>
        gbdtTrial({ data, kind, metric, shouldStop: hooks.shouldStop, onRound: (r) => hooks.onStep?.({ trainLoss: r.trainLoss, valLoss: r.validationLoss ?? NaN, elapsedMs: r.elapsedMs, numTensors: 0 }) }, config, report),
    };
  },
};

/** Everything wrong with a GBDT study before its first trial: one line each, naming the param. */
export function gbdtStudyErrors(spec: StudySpec, kind: TaskKind): string[] {
  return familyStudyErrors(gbdtSearch, spec, { kind });
}
