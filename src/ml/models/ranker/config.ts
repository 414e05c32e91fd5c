/** The ranker's hyperparameters, named and defaulted as our users' PyTorch rankers have them. */
export interface RankerConfig {
  /** width of each hidden layer of the shared scorer */
  hiddenUnits: number;
  /**
   * Dense+ReLU+Dropout layers before the linear score. 1 is the usual "2-layer MLP scorer"
   * (Linear → ReLU → Dropout → Linear); 0 is a linear scorer, the baseline to beat.
   */
  hiddenLayers: 0 | 1 | 2;
  dropout: number;
  learningRate: number;
  /** L2 penalty on the Dense kernels, added to the loss (Keras' kernel_regularizer; Adam's weight_decay in PyTorch) */
  weightDecay: number;
  batchSize: number;
  epochs: number;
  /** margin ranking loss: max(0, margin − y·(s_a − s_b)); a tie costs max(0, |s_a − s_b| − margin) */
  margin: number;
  split: {
    /** 'pair': held-out pairs drawn at random; 'item': held-out items, so no validation item was seen in training */
    by: 'pair' | 'item';
    validationFraction: number;
  };
  /**
   * Early stopping watches validation pairwise accuracy by default: with noisy labels the margin
   * loss of the flipped pairs grows with the score scale and turns up long before the ordering
   * stops improving.
   */
  earlyStopping: { enabled: boolean; patience: number; restoreBestWeights: boolean; monitor: 'pairwise_accuracy' | 'loss' };
  /** k of the NDCG@k reported when the pool has a relevance column */
  ndcgK: number;
  seed: number;
  /** batch-loss reads per epoch (each is a device sync) */
  readsPerEpoch: number;
}

export const DEFAULT_RANKER: RankerConfig = {
  hiddenUnits: 256,
  hiddenLayers: 1,
  dropout: 0.1,
  learningRate: 1e-3,
  weightDecay: 1e-4,
  batchSize: 32,
  epochs: 50,
  margin: 1,
  split: { by: 'pair', validationFraction: 0.2 },
  earlyStopping: { enabled: true, patience: 8, restoreBestWeights: true, monitor: 'pairwise_accuracy' },
  ndcgK: 10,
  seed: 42,
  readsPerEpoch: 4,
};

/** Problems with a config, as sentences; empty when it can train. */
export function rankerConfigProblems(c: RankerConfig): string[] {
  const p: string[] = [];
  if (!(Number.isInteger(c.hiddenUnits) && c.hiddenUnits >= 1 && c.hiddenUnits <= 4096)) p.push('hidden units must be a whole number from 1 to 4096');
  if (!(c.dropout >= 0 && c.dropout < 1)) p.push('dropout must be in [0, 1)');
  if (!(c.learningRate > 0 && c.learningRate <= 1)) p.push('learning rate must be in (0, 1]');
  if (!(c.weightDecay >= 0 && c.weightDecay < 1)) p.push('weight decay must be in [0, 1)');
  if (!(Number.isInteger(c.batchSize) && c.batchSize >= 1)) p.push('batch size must be a positive whole number');
  if (!(Number.isInteger(c.epochs) && c.epochs >= 1 && c.epochs <= 10000)) p.push('epochs must be a whole number from 1 to 10000');
  if (!(c.margin > 0)) p.push('margin must be positive');
  if (!(c.split.validationFraction > 0 && c.split.validationFraction < 1)) p.push('validation fraction must be between 0 and 1');
  return p;
}
