import type { ColumnStats } from '../../data/column-stats';
import type { ClusterFeatures, ClusterTfidf } from './features';
import type { ProjectionKind } from './projection';

/** The algorithm's version: a run's model id is `kmeans_v{major}.{minor}`; a change that can move labels bumps it. */
export const KMEANS_VERSION = { major: 1, minor: 0 } as const;
export const KMEANS_MODEL_ID = `kmeans_v${KMEANS_VERSION.major}.${KMEANS_VERSION.minor}`;

export type ClusterAlgorithm = 'auto' | 'lloyd' | 'minibatch';

/** A clustering recipe: the columns, the vectorizer, k-means and what the report draws. */
export interface ClusterRecipe {
  features: ClusterFeatures;
  /** the column a point's hover shows (a title); null: the start of the clustered text */
  labelColumn: string | null;
  tfidf: ClusterTfidf;
  k: number;
  seed: number;
  nInit: number;
  maxIter: number;
  tol: number;
  /** 'auto': Lloyd up to MINIBATCH_ABOVE rows, mini-batch above */
  algorithm: ClusterAlgorithm;
  batchSize: number;
  /** rows kept out of the fit and assigned afterwards (the export's parity rows); 0 keeps none out */
  heldOutFraction: number;
  /** share of the remaining rows the fit uses (1: all; 0.9 for a subsample rerun), drawn with subsampleSeed */
  subsample: number;
  subsampleSeed: number;
  /** the elbow and silhouette over this k range; null skips the sweep */
  sweep: { kMin: number; kMax: number } | null;
  projection: ProjectionKind;
}

export const DEFAULT_CLUSTER_TFIDF: ClusterTfidf = { maxFeatures: 2000, minDf: 2, maxDfShare: 0.9, ngramMax: 1, stopWords: 'english', sublinearTf: false };

const TEXT_NAMES = /^(description|text|body|content|summary|required_skills_text|experience_text|title)$/i;

export function defaultClusterRecipe(cols: ColumnStats[]): ClusterRecipe {
  const texts = cols.filter((c) => c.dtype === 'text');
  const named = texts.filter((c) => TEXT_NAMES.test(c.name)).map((c) => c.name);
  const text = named.length ? named : texts.slice(0, 1).map((c) => c.name);
  const numeric = text.length ? [] : cols.filter((c) => c.dtype === 'numeric').map((c) => c.name);
  const label = cols.find((c) => /^(title|name|headline)$/i.test(c.name))?.name ?? null;
  return {
    features: { text, numeric, embedding: null },
    labelColumn: label,
    tfidf: { ...DEFAULT_CLUSTER_TFIDF },
    k: 8,
    seed: 0,
    nInit: 4,
    maxIter: 300,
    tol: 1e-4,
    algorithm: 'auto',
    batchSize: 1024,
    heldOutFraction: 0.1,
    subsample: 1,
    subsampleSeed: 1,
    sweep: { kMin: 2, kMax: 12 },
    projection: 'pca',
  };
}

const whole = (v: number, lo: number) => Number.isInteger(v) && v >= lo;

export function clusterRecipeProblems(c: ClusterRecipe): string[] {
  const p: string[] = [];
  const f = c.features;
  if (!f.text.length && !f.numeric.length && !f.embedding) p.push('features: choose text columns, numeric columns or an embedding column');
  if (!whole(c.k, 1)) p.push(`k: ${c.k} is not a whole number ≥ 1`);
  if (!whole(c.nInit, 1)) p.push(`nInit: ${c.nInit} is not a whole number ≥ 1`);
  if (!whole(c.maxIter, 1)) p.push(`maxIter: ${c.maxIter} is not a whole number ≥ 1`);
  if (!(c.tol >= 0)) p.push(`tol: ${c.tol} is not ≥ 0`);
  if (!whole(c.batchSize, 1)) p.push(`batchSize: ${c.batchSize} is not a whole number ≥ 1`);
  if (!Number.isInteger(c.seed)) p.push(`seed: ${c.seed} is not a whole number`);
  if (!(c.heldOutFraction >= 0 && c.heldOutFraction < 0.9)) p.push(`heldOutFraction: ${c.heldOutFraction} is not in [0, 0.9)`);
  if (!(c.subsample > 0 && c.subsample <= 1)) p.push(`subsample: ${c.subsample} is not a share in (0, 1]`);
  if (c.sweep && !(whole(c.sweep.kMin, 1) && whole(c.sweep.kMax, c.sweep.kMin) && c.sweep.kMax - c.sweep.kMin <= 30)) p.push(`sweep: k ${c.sweep.kMin}…${c.sweep.kMax} must be whole numbers, 1 ≤ kMin ≤ kMax, at most 31 values`);
  const t = c.tfidf;
  if (f.text.length) {
    if (!whole(t.maxFeatures, 1)) p.push(`tfidf.maxFeatures: ${t.maxFeatures} is not a whole number ≥ 1`);
    if (!whole(t.minDf, 1)) p.push(`tfidf.minDf: ${t.minDf} is not a whole number ≥ 1`);
    if (!(t.maxDfShare > 0 && t.maxDfShare <= 1)) p.push(`tfidf.maxDfShare: ${t.maxDfShare} is not a share in (0, 1]`);
    if (!(t.ngramMax === 1 || t.ngramMax === 2 || t.ngramMax === 3)) p.push(`tfidf.ngramMax: ${t.ngramMax} is not 1, 2 or 3`);
  }
  return p;
}
