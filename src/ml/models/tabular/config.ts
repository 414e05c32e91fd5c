import type { TaskKind } from '../../task';
import type { DenseFitConfig } from '../dense-fit';

/** (defined with the dense fit; kept importable from here for this folder's users) */
export { DROPOUT_SEED_OFFSET } from '../dense-fit';

export type Activation = 'relu' | 'tanh' | 'elu' | 'selu' | 'sigmoid';

/** The dense fit's settings (DenseFitConfig) and the network they train. */
export interface TabularConfig extends DenseFitConfig {
  architecture: 'linear' | 'mlp';
  hiddenUnits: number[];
  activation: Activation;
  dropout: number;
  l2: number;
}

export function defaultTabularConfig(): TabularConfig {
  return {
    architecture: 'mlp',
    hiddenUnits: [32, 16],
    activation: 'relu',
    dropout: 0.1,
    l2: 1e-4,
    learningRate: 0.005,
    batchSize: 32,
    epochs: 60,
    earlyStopping: { enabled: true, patience: 8, restoreBestWeights: true },
    seed: 42,
    readsPerEpoch: 4,
    checkpointEvery: 5,
  };
}

/** Width of the output layer: one logit for binary/regression, k for multiclass, k−1 cumulative logits for ordinal. */
export function outputWidth(kind: TaskKind, classes: number): number {
  if (kind === 'multiclass') return classes;
  if (kind === 'ordinal') return classes - 1;
  return 1;
}

export function validateTabularConfig(c: TabularConfig): string[] {
  const errs: string[] = [];
  if (!(c.learningRate > 0 && c.learningRate < 10)) errs.push('learning rate must be in (0, 10)');
  if (!(Number.isInteger(c.batchSize) && c.batchSize >= 1)) errs.push('batch size must be a positive integer');
  if (!(Number.isInteger(c.epochs) && c.epochs >= 1 && c.epochs <= 100000)) errs.push('epochs must be an integer in [1, 100000]');
  if (!(c.dropout >= 0 && c.dropout < 1)) errs.push('dropout must be in [0, 1)');
  if (!(c.l2 >= 0)) errs.push('L2 must be ≥ 0');
  if (c.architecture === 'mlp' && (c.hiddenUnits.length === 0 || c.hiddenUnits.some((u) => !Number.isInteger(u) || u < 1))) {
    errs.push('an MLP needs at least one hidden layer of positive integer width');
  }
  if (c.checkpointEvery !== undefined && !(Number.isInteger(c.checkpointEvery) && c.checkpointEvery >= 0)) errs.push('checkpoint interval must be a whole number of epochs (0 for none)');
  if (c.earlyStopping.enabled && !(Number.isInteger(c.earlyStopping.patience) && c.earlyStopping.patience >= 1)) errs.push('patience must be a positive integer');
  return errs;
}

/**
 * What a tabular run, cross-validation or search trains, for the engine's reason: a search that
 * tunes the architecture trains both kinds.
 */
export function tabularModels(architectures: readonly TabularConfig['architecture'][]): string {
  const kinds = new Set(architectures);
  return [...(kinds.has('mlp') ? ['MLPs'] : []), ...(kinds.has('linear') ? ['linear models'] : [])].join(' and ');
}
