import { mulberry32, permutation } from '../../data/rng';
import { silhouetteScore } from '../../metrics/internal-indices';
import { kmeans, type Dense, type KMeansResult } from './kmeans';
import type { FeatureSpace } from './features';

/** Rows the silhouette is computed on at most: it is O(n²·d), so larger sets are sampled (seeded). */
export const SILHOUETTE_SAMPLE = 2000;

export interface SweepPoint {
  k: number;
  inertia: number;
  /** NaN where it is undefined (k = 1, or as many clusters as rows) */
  silhouette: number;
}

function rowsOf(X: Dense, rows: ArrayLike<number>): Dense {
  const data = new Float64Array(rows.length * X.d);
  for (let i = 0; i < rows.length; i++) data.set(X.data.subarray(rows[i] * X.d, (rows[i] + 1) * X.d), i * X.d);
  return { data, n: rows.length, d: X.d };
}

/** The mean silhouette, on a seeded sample of at most SILHOUETTE_SAMPLE rows. */
export function sampledSilhouette(X: Dense, labels: Int32Array, seed: number): number {
  const distinct = new Set(labels).size;
  if (distinct < 2 || distinct > X.n - 1) return NaN;
  if (X.n <= SILHOUETTE_SAMPLE) return silhouetteScore(X, labels);
  const rows = permutation(X.n, mulberry32(seed)).subarray(0, SILHOUETTE_SAMPLE);
  const sub = rowsOf(X, rows);
  const l = Int32Array.from(rows, (r) => labels[r]);
  return new Set(l).size < 2 ? NaN : silhouetteScore(sub, l);
}

/** The elbow and silhouette over k = kMin…kMax, each k fitted as the run is (same seed, starts and limits). */
export function kSweep(X: Dense, range: { kMin: number; kMax: number }, o: { nInit: number; maxIter: number; tol: number; seed: number }, fit: (X: Dense, k: number) => KMeansResult = (x, k) => kmeans(x, { ...o, k })): SweepPoint[] {
  const out: SweepPoint[] = [];
  for (let k = Math.max(1, range.kMin); k <= Math.min(range.kMax, X.n); k++) {
    const r = fit(X, k);
    out.push({ k, inertia: r.inertia, silhouette: sampledSilhouette(X, r.labels, o.seed) });
  }
  return out;
}

export interface TopTerm {
  term: string;
  weight: number;
}

/**
 * What sets each cluster apart: with text features, the terms of highest mean TF-IDF weight in
 * its centre; otherwise the features whose centre value (a z-score for numeric columns) is
 * largest in magnitude, sign kept.
 */
export function topTerms(space: FeatureSpace, r: Pick<KMeansResult, 'k' | 'd' | 'centers'>, count = 10): TopTerm[][] {
  const textCols = space.text ? space.text.tfidf.vocabulary.length : 0;
  return Array.from({ length: r.k }, (_, c) => {
    const centre = r.centers.subarray(c * r.d, (c + 1) * r.d);
    const cols = Array.from({ length: textCols || r.d }, (_, j) => j);
    const score = (j: number) => (textCols ? centre[j] : Math.abs(centre[j]));
    cols.sort((a, b) => score(b) - score(a) || a - b);
    return cols
      .slice(0, count)
      .filter((j) => !textCols || centre[j] > 0)
      .map((j) => ({ term: space.names[j], weight: centre[j] }));
  });
}

export function clusterSizes(labels: ArrayLike<number>, k: number): number[] {
  const s = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) s[labels[i]]++;
  return s;
}
