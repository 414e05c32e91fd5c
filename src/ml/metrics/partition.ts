import { expectedMutualInformation } from './expected-mutual-info';

/**
 * Agreement between two partitions of the same rows (a clustering against gold classes, or two
 * clustering runs against each other), as scikit-learn 1.2 defines each score: the same formulas,
 * the same special cases (a single cluster on both sides, empty input), arithmetic-mean
 * normalisation for NMI and AMI. Labels are any integers; only equality matters.
 */
export type Labels = ArrayLike<number>;

/** The non-zero cells of the contingency table, with row (true) and column (pred) sums. */
export interface Contingency {
  n: number;
  /** rows: one per distinct true label, in ascending label order */
  rowSums: number[];
  colSums: number[];
  cells: { row: number; col: number; count: number }[];
}

function codes(labels: Labels): { code: Int32Array; k: number } {
  const distinct = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const code = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) code[i] = index.get(labels[i]) as number;
  return { code, k: distinct.length };
}

export function contingency(labelsTrue: Labels, labelsPred: Labels): Contingency {
  if (labelsTrue.length !== labelsPred.length) throw new Error(`the two labelings have different lengths (${labelsTrue.length} and ${labelsPred.length})`);
  const t = codes(labelsTrue);
  const p = codes(labelsPred);
  const counts = new Map<number, number>();
  const rowSums = new Array<number>(t.k).fill(0);
  const colSums = new Array<number>(p.k).fill(0);
  for (let i = 0; i < t.code.length; i++) {
    const key = t.code[i] * p.k + p.code[i];
    counts.set(key, (counts.get(key) ?? 0) + 1);
    rowSums[t.code[i]]++;
    colSums[p.code[i]]++;
  }
  // row-major order, as scipy's sparse find() walks a COO matrix built from sorted codes
  const cells = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([key, count]) => ({ row: Math.floor(key / p.k), col: key % p.k, count }));
  return { n: t.code.length, rowSums, colSums, cells };
}

/** Natural-log entropy of a labeling; 1 for an empty one, as sklearn's `entropy` returns. */
export function entropy(labels: Labels): number {
  const n = labels.length;
  if (n === 0) return 1;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * (Math.log(c) - Math.log(n));
  return h;
}

/** Mutual information in nats, from the contingency table, as sklearn's mutual_info_score sums it. */
export function mutualInfo(c: Contingency): number {
  if (c.rowSums.length === 1 || c.colSums.length === 1) return 0;
  const total = c.n;
  const logTotal = Math.log(total);
  let mi = 0;
  for (const { row, col, count } of c.cells) {
    const p = count / total;
    const logOuter = -Math.log(c.rowSums[row] * c.colSums[col]) + logTotal + logTotal;
    let term = p * (Math.log(count) - logTotal) + p * logOuter;
    if (Math.abs(term) < Number.EPSILON) term = 0;
    mi += term;
  }
  return Math.max(mi, 0);
}

/** Adjusted Rand index through the pair confusion matrix (sklearn ≥ 1.1's form). */
export function adjustedRandScore(labelsTrue: Labels, labelsPred: Labels): number {
  const c = contingency(labelsTrue, labelsPred);
  let sumSquares = 0;
  for (const cell of c.cells) sumSquares += cell.count * cell.count;
  let rowDot = 0; // Σ_cells count · colSum, Σ_cells count · rowSum
  let colDot = 0;
  for (const cell of c.cells) {
    rowDot += cell.count * c.colSums[cell.col];
    colDot += cell.count * c.rowSums[cell.row];
  }
  const tp = sumSquares - c.n;
  const fp = rowDot - sumSquares;
  const fn = colDot - sumSquares;
  const tn = c.n * c.n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function bothTrivial(c: Contingency): boolean {
  return (c.rowSums.length === 1 && c.colSums.length === 1) || (c.rowSums.length === 0 && c.colSums.length === 0);
}

export function normalizedMutualInfoScore(labelsTrue: Labels, labelsPred: Labels): number {
  const c = contingency(labelsTrue, labelsPred);
  if (bothTrivial(c)) return 1;
  const mi = mutualInfo(c);
  if (mi === 0) return 0;
  return mi / ((entropy(labelsTrue) + entropy(labelsPred)) / 2);
}

export function adjustedMutualInfoScore(labelsTrue: Labels, labelsPred: Labels): number {
  const c = contingency(labelsTrue, labelsPred);
  if (bothTrivial(c)) return 1;
  const mi = mutualInfo(c);
  const emi = expectedMutualInformation(c);
  const normalizer = (entropy(labelsTrue) + entropy(labelsPred)) / 2;
  let denominator = normalizer - emi;
  denominator = denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}

export function homogeneityCompletenessV(labelsTrue: Labels, labelsPred: Labels, beta = 1): { homogeneity: number; completeness: number; v_measure: number } {
  if (labelsTrue.length === 0) return { homogeneity: 1, completeness: 1, v_measure: 1 };
  const hTrue = entropy(labelsTrue);
  const hPred = entropy(labelsPred);
  const mi = mutualInfo(contingency(labelsTrue, labelsPred));
  const homogeneity = hTrue ? mi / hTrue : 1;
  const completeness = hPred ? mi / hPred : 1;
  const v_measure = homogeneity + completeness === 0 ? 0 : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, v_measure };
}

export function fowlkesMallowsScore(labelsTrue: Labels, labelsPred: Labels): number {
  const c = contingency(labelsTrue, labelsPred);
  let tk = -c.n;
  for (const cell of c.cells) tk += cell.count * cell.count;
  const pk = c.colSums.reduce((s, v) => s + v * v, 0) - c.n;
  const qk = c.rowSums.reduce((s, v) => s + v * v, 0) - c.n;
  return tk !== 0 ? Math.sqrt(tk / pk) * Math.sqrt(tk / qk) : 0;
}

/** Every partition score under scikit-learn's function names (what `kiln evaluate --task clustering` prints). */
export function partitionReport(labelsTrue: Labels, labelsPred: Labels): Record<string, number> {
  const hcv = homogeneityCompletenessV(labelsTrue, labelsPred);
  return {
    adjusted_rand_score: adjustedRandScore(labelsTrue, labelsPred),
    normalized_mutual_info_score: normalizedMutualInfoScore(labelsTrue, labelsPred),
    adjusted_mutual_info_score: adjustedMutualInfoScore(labelsTrue, labelsPred),
    homogeneity_score: hcv.homogeneity,
    completeness_score: hcv.completeness,
    v_measure_score: hcv.v_measure,
    fowlkes_mallows_score: fowlkesMallowsScore(labelsTrue, labelsPred),
  };
}
