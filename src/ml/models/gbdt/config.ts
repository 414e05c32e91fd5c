import type { TaskKind } from '../../task';

/** How trees grow: level by level (XGBoost's default) or best leaf first (LightGBM, scikit-learn's HGB). */
export type Growth = 'depthwise' | 'leafwise';

export interface GbdtConfig {
  rounds: number;
  learningRate: number;
  growth: Growth;
  /** 0 = unlimited (leaf-wise growth is then bounded by numLeaves only) */
  maxDepth: number;
  numLeaves: number;
  minSamplesLeaf: number;
  /** smallest hessian sum a child may have (scikit-learn's min_hessian_to_split, XGBoost's min_child_weight) */
  minChildWeight: number;
  /** L2 penalty on leaf values (λ in −G / (H + λ)) */
  l2: number;
  /** fraction of training rows drawn (without replacement) for each tree */
  rowSubsample: number;
  /** fraction of features drawn for each tree */
  colSubsample: number;
  /** non-missing bins per feature; missing values get a bin of their own */
  maxBins: number;
  /** rounds without a validation-loss improvement before stopping; 0 = never stop early */
  earlyStoppingRounds: number;
  seed: number;
  /**
   * Monotone constraints by feature name (a numeric column's name; an embedding column's name
   * constrains each of its dimensions): +1 = the prediction never decreases as the feature grows,
   * −1 = never increases. Enforced as scikit-learn's HistGradientBoosting does. Not for multiclass.
   */
  monotone?: Record<string, 1 | -1>;
  /**
   * Categorical columns split by category sets (the sorted-gradient method of LightGBM and
   * scikit-learn) when true or absent; false keeps them one ordinal feature coded by mean target.
   */
  categoricalSplits?: boolean;
}

export function defaultGbdtConfig(): GbdtConfig {
  return {
    rounds: 300,
    learningRate: 0.1,
    growth: 'depthwise',
    maxDepth: 6,
    numLeaves: 63,
    minSamplesLeaf: 20,
    minChildWeight: 1e-3,
    l2: 1,
    rowSubsample: 1,
    colSubsample: 1,
    maxBins: 255,
    earlyStoppingRounds: 30,
    seed: 42,
    categoricalSplits: true,
  };
}

/** Number of raw scores per row: one per class for softmax, one otherwise (ordinal: one latent score). */
export function outputsFor(kind: TaskKind, classes: number): number {
  return kind === 'multiclass' ? classes : 1;
}

export function validateGbdtConfig(c: GbdtConfig): string[] {
  const errs: string[] = [];
  const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(c.rounds, 1, 100_000)) errs.push('rounds must be an integer in [1, 100000]');
  if (!(c.learningRate > 0 && c.learningRate <= 1)) errs.push('learning rate must be in (0, 1]');
  if (!int(c.maxDepth, 0, 32)) errs.push('max depth must be an integer in [0, 32] (0 = unlimited)');
  if (!int(c.numLeaves, 2, 4096)) errs.push('number of leaves must be an integer in [2, 4096]');
  if (c.growth === 'leafwise' && c.maxDepth === 0 && c.numLeaves > 4096) errs.push('leaf-wise growth needs a leaf cap');
  if (!int(c.minSamplesLeaf, 1, 1_000_000)) errs.push('min samples per leaf must be a positive integer');
  if (!(c.minChildWeight >= 0)) errs.push('min child weight must be ≥ 0');
  if (!(c.l2 >= 0)) errs.push('L2 must be ≥ 0');
  if (!(c.rowSubsample > 0 && c.rowSubsample <= 1)) errs.push('row subsample must be in (0, 1]');
  if (!(c.colSubsample > 0 && c.colSubsample <= 1)) errs.push('column subsample must be in (0, 1]');
  if (!int(c.maxBins, 2, 255)) errs.push('max bins must be an integer in [2, 255]');
  if (!int(c.earlyStoppingRounds, 0, 100_000)) errs.push('early-stopping rounds must be an integer ≥ 0');
  if (!Number.isFinite(c.seed)) errs.push('seed must be a number');
  for (const [name, d] of Object.entries(c.monotone ?? {})) if (d !== 1 && d !== -1) errs.push(`monotone constraint on "${name}" must be 1 (increasing) or −1 (decreasing), not ${String(d)}`);
  return errs;
}
