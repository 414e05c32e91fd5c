import { alignByRow, stability, type Stability } from '../../metrics/cluster-matching';
import { mulberry32, permutation } from '../../data/rng';

/** A clustering as stability reads it: the dataset rows it clustered and the label of each. */
export interface Partition {
  rows: ArrayLike<number>;
  labels: ArrayLike<number>;
}

/** Agreement between two clusterings of one dataset (two seeds, or a run and its subsample rerun), on the rows both clustered. */
export function runStability(a: Partition, b: Partition): Stability {
  const shared = alignByRow(a.rows, a.labels, b.rows, b.labels);
  if (shared.a.length < 2) throw new Error(`the two runs share ${shared.a.length} clustered rows; stability needs at least 2 (are they on the same dataset?)`);
  return stability(shared.a, shared.b);
}

/** A seeded share of rows (ascending), for a subsample rerun: the same seed and share always give the same rows. */
export function subsampleRows(rows: ArrayLike<number>, share: number, seed: number): Int32Array {
  if (!(share > 0 && share <= 1)) throw new Error(`subsample: ${share} is not a share in (0, 1]`);
  const m = Math.max(1, Math.round(rows.length * share));
  const pick = permutation(rows.length, mulberry32(seed)).subarray(0, m);
  return Int32Array.from(pick, (i) => rows[i]).sort();
}
