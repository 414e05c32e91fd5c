import { adjustedMutualInfoScore, adjustedRandScore, contingency, normalizedMutualInfoScore, type Labels } from './partition';

/**
 * How the clusters of one run map onto another's (two seeds, or a run and its rerun on a
 * subsample), cluster by cluster. Each cluster's match is the other run's cluster with the highest
 * Jaccard index |A ∩ B| / |A ∪ B| over the shared rows (Hennig's cluster-wise stability). A
 * cluster's fate, with main(A) = the cluster of the other run holding most of A's rows and
 * source(B) = the cluster of this run most of B's rows came from:
 * - split: A is the source of two or more clusters of the other run;
 * - merged: A and another cluster of this run share the same main cluster;
 * - stayed: neither, and the Jaccard index with its main cluster is at least 0.5;
 * - dissolved: neither, and no cluster of the other run keeps half of it together.
 * Ties pick the lowest label, so the result is deterministic.
 */
export type ClusterFate = 'stayed' | 'split' | 'merged' | 'dissolved';

export interface ClusterMatch {
  /** the cluster's label in its run */
  cluster: number;
  size: number;
  /** the other run's cluster with the highest Jaccard index, and that index */
  match: number;
  jaccard: number;
  fate: ClusterFate;
  /** the other run's clusters that hold at least a tenth of this cluster's rows, largest share first */
  parts: { cluster: number; share: number }[];
}

export interface ClusterMatching {
  /** per cluster of the first run */
  a: ClusterMatch[];
  /** per cluster of the second run (its fate read the other way: a split there is a merge here) */
  b: ClusterMatch[];
  /** the mean over the first run's clusters of their best Jaccard index */
  meanJaccard: number;
}

const STAYED_JACCARD = 0.5;
const PART_SHARE = 0.1;

function side(counts: number[][], sizesThis: number[], sizesOther: number[], labelsThis: number[], labelsOther: number[]): ClusterMatch[] {
  const argmax = (xs: number[]) => xs.reduce((best, v, i) => (v > xs[best] ? i : best), 0);
  const main = counts.map(argmax);
  const source = sizesOther.map((_, j) => argmax(counts.map((row) => row[j])));
  return counts.map((row, i) => {
    const jac = row.map((inter, j) => inter / (sizesThis[i] + sizesOther[j] - inter));
    const best = argmax(jac);
    const splits = source.filter((s) => s === i).length >= 2;
    const merged = main.some((m, k) => k !== i && m === main[i]);
    const fate: ClusterFate = splits ? 'split' : merged ? 'merged' : jac[main[i]] >= STAYED_JACCARD ? 'stayed' : 'dissolved';
    const parts = row
      .map((inter, j) => ({ cluster: labelsOther[j], share: inter / sizesThis[i] }))
      .filter((p) => p.share >= PART_SHARE)
      .sort((x, y) => y.share - x.share);
    return { cluster: labelsThis[i], size: sizesThis[i], match: labelsOther[best], jaccard: jac[best], fate, parts };
  });
}

export function matchClusters(a: Labels, b: Labels): ClusterMatching {
  const c = contingency(a, b);
  const labelsA = [...new Set(Array.from(a))].sort((x, y) => x - y);
  const labelsB = [...new Set(Array.from(b))].sort((x, y) => x - y);
  const counts = c.rowSums.map(() => new Array<number>(c.colSums.length).fill(0));
  for (const cell of c.cells) counts[cell.row][cell.col] = cell.count;
  const transposed = c.colSums.map((_, j) => counts.map((row) => row[j]));
  const ma = side(counts, c.rowSums, c.colSums, labelsA, labelsB);
  const mb = side(transposed, c.colSums, c.rowSums, labelsB, labelsA);
  return { a: ma, b: mb, meanJaccard: ma.reduce((s, m) => s + m.jaccard, 0) / Math.max(ma.length, 1) };
}

/**
 * Two runs' labels on the rows both assigned, matched by row id (a 90% subsample rerun covers only
 * some of the first run's rows). Ids must be unique within a run.
 */
export function alignByRow(aRows: ArrayLike<number>, aLabels: Labels, bRows: ArrayLike<number>, bLabels: Labels): { rows: number[]; a: Int32Array; b: Int32Array } {
  const inB = new Map<number, number>();
  for (let i = 0; i < bRows.length; i++) {
    if (inB.has(bRows[i])) throw new Error(`row ${bRows[i]} appears twice in the second run's assignments`);
    inB.set(bRows[i], bLabels[i]);
  }
  const rows: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < aRows.length; i++) {
    const other = inB.get(aRows[i]);
    if (other === undefined) continue;
    rows.push(aRows[i]);
    a.push(aLabels[i]);
    b.push(other);
  }
  return { rows, a: Int32Array.from(a), b: Int32Array.from(b) };
}

export interface Stability extends ClusterMatching {
  /** rows both runs assigned */
  sharedRows: number;
  adjusted_rand_score: number;
  normalized_mutual_info_score: number;
  adjusted_mutual_info_score: number;
}

/** Agreement between two runs on their shared rows: the partition scores and the cluster-by-cluster matching. */
export function stability(a: Labels, b: Labels): Stability {
  if (a.length === 0) throw new Error('the two runs share no rows');
  return {
    sharedRows: a.length,
    adjusted_rand_score: adjustedRandScore(a, b),
    normalized_mutual_info_score: normalizedMutualInfoScore(a, b),
    adjusted_mutual_info_score: adjustedMutualInfoScore(a, b),
    ...matchClusters(a, b),
  };
}
