import type { ExampleOptions } from './examples';
import type { HistorySource } from './histories';
import type { AbbreviationMap } from './titles';
import { DEFAULT_ABBREVIATIONS } from './titles';

/** The network and its training; data options live in SequenceDataConfig. */
export interface SequenceModelConfig {
  embeddingDim: number;
  hiddenUnits: number;
  /** stacked recurrent layers, 1 or 2 */
  layers: number;
  bidirectional: boolean;
  /** dropout on the final state, before the heads */
  dropout: number;
  /** loss = CE(next title) + tenure·MSE(standardized months) + hire·BCE(hireability) */
  lossWeights: { tenure: number; hire: number };
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  earlyStopping: { enabled: boolean; patience: number; restoreBestWeights: boolean };
  /** batch losses read back per epoch (each read is a device sync) */
  readsPerEpoch: number;
}

export interface SequenceDataConfig extends ExampleOptions {
  source: HistorySource;
  abbreviations: AbbreviationMap;
}

export const DEFAULT_SEQUENCE_MODEL: SequenceModelConfig = {
  embeddingDim: 16,
  hiddenUnits: 16,
  layers: 1,
  bidirectional: true,
  dropout: 0.1,
  lossWeights: { tenure: 0.1, hire: 0.1 },
  epochs: 15,
  batchSize: 64,
  learningRate: 0.01,
  seed: 7,
  earlyStopping: { enabled: true, patience: 3, restoreBestWeights: true },
  readsPerEpoch: 4,
};

export function defaultSequenceData(source: HistorySource): SequenceDataConfig {
  return {
    source,
    abbreviations: { ...DEFAULT_ABBREVIATIONS },
    minPrefix: 1,
    maxPrefix: 8,
    hireGapDays: 90,
    vocab: { minFrequency: 5, maxSize: 500 },
    cuts: { validationFrom: null, testFrom: null },
  };
}

export function checkSequenceModelConfig(c: SequenceModelConfig): void {
  const bad = (what: string) => {
    throw new Error(`sequence model: ${what}`);
  };
  if (!(c.layers === 1 || c.layers === 2)) bad(`layers must be 1 or 2 (got ${c.layers})`);
  if (!(c.hiddenUnits >= 1 && c.hiddenUnits <= 512)) bad(`hidden size must be 1–512 (got ${c.hiddenUnits})`);
  if (!(c.embeddingDim >= 1 && c.embeddingDim <= 512)) bad(`embedding size must be 1–512 (got ${c.embeddingDim})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) bad(`dropout must be in [0, 1) (got ${c.dropout})`);
  if (!(c.lossWeights.tenure >= 0 && c.lossWeights.hire >= 0)) bad('loss weights must be ≥ 0');
  if (!(c.batchSize >= 1 && c.epochs >= 1 && c.learningRate > 0)) bad('batch size, epochs and learning rate must be positive');
}
