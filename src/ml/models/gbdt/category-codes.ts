import type { TaskKind } from '../../task';
import type { GbdtFeatures } from './features';

/** A categorical feature of a trained model: the feature value k stands for categories[k]; any other string is missing. */
export interface GbdtCategorical {
  /** the feature's name in featureNames (the source column's name) */
  feature: string;
  categories: string[];
}

/**
 * Final codes for the categorical features, fitted on the training rows only.
 *
 * With category-set splits (the default, see split.ts) the order does not matter: a node ranks
 * the categories again on its own rows. With them off, the codes are the feature.
 *
 * Why ordinal codes and this order: the trees (and ONNX's TreeEnsemble, which the export must
 * reproduce exactly) split on "x ≤ t". Coding categories by their mean target on the training
 * rows (the positive rate for binary, the mean grade index for ordinal, the mean for regression)
 * makes one such split the best two-group partition of the categories for a binary or squared
 * loss (Fisher 1958; the ordering LightGBM uses inside each node), instead of whatever an
 * alphabetical code would allow. Multiclass has no single target axis, so its codes go by
 * training frequency, most frequent first, and trees isolate a category with two splits.
 *
 * Categories never seen in the training rows get no code: like categories first seen after
 * training (in a service), they are missing (NaN), routed by each split's learned direction.
 */
export function orderCategories(feats: GbdtFeatures, y: Float64Array, trainRows: Int32Array, kind: TaskKind): { x: Float32Array; categorical: GbdtCategorical[] } {
  if (feats.categorical.length === 0) return { x: feats.x, categorical: [] };
  const cols = feats.names.length;
  const x = Float32Array.from(feats.x);
  const out: GbdtCategorical[] = [];
  for (const c of feats.categorical) {
    const k = c.values.length;
    const count = new Float64Array(k);
    const sum = new Float64Array(k);
    for (let i = 0; i < trainRows.length; i++) {
      const r = trainRows[i];
      const code = feats.x[r * cols + c.feature];
      if (Number.isNaN(code) || !Number.isFinite(y[r])) continue;
      count[code]++;
      sum[code] += y[r];
    }
    const seen = Array.from({ length: k }, (_, i) => i).filter((i) => count[i] > 0);
    const key = (i: number) => (kind === 'multiclass' ? -count[i] : sum[i] / count[i]);
    // ties by the value's text, so one seed and one dataset always give the same codes
    seen.sort((a, b) => key(a) - key(b) || (c.values[a] < c.values[b] ? -1 : 1));
    const rank = new Float32Array(k).fill(NaN);
    seen.forEach((old, i) => (rank[old] = i));
    for (let r = 0; r < feats.rows; r++) {
      const at = r * cols + c.feature;
      const code = feats.x[at];
      x[at] = Number.isNaN(code) ? NaN : rank[code];
    }
    out.push({ feature: feats.names[c.feature], categories: seen.map((i) => c.values[i]) });
  }
  return { x, categorical: out };
}

/** Codes for category strings (a row to score, a service's request): unknown or missing → NaN. */
export function categoryCode(c: GbdtCategorical): (value: string | null) => number {
  const index = new Map(c.categories.map((v, k) => [v, k] as const));
  return (value) => (value === null ? NaN : (index.get(value) ?? NaN));
}
