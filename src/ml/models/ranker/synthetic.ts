import { mulberry32, type Rng } from '../../data/rng';
import type { LabeledPairs } from './pair-split';

function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Items with Gaussian embeddings and a hidden linear utility u = w·x: the ground truth for ranker tests. */
export interface SyntheticPool {
  size: number;
  dim: number;
  features: Float32Array;
  utility: Float64Array;
}

export function syntheticPool(size: number, dim: number, seed: number): SyntheticPool {
  const rng = mulberry32(seed);
  const w = Array.from({ length: dim }, () => gaussian(rng));
  const features = new Float32Array(size * dim);
  const utility = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let u = 0;
    for (let j = 0; j < dim; j++) {
      const v = gaussian(rng);
      features[i * dim + j] = v;
      u += w[j] * v;
    }
    utility[i] = u;
  }
  return { size, dim, features, utility };
}

/** The label an oracle gives (A better → 1), flipped with probability `noise`. */
export function oracleLabel(pool: SyntheticPool, a: number, b: number, noise: number, rng: Rng): 1 | -1 {
  const truth = pool.utility[a] >= pool.utility[b] ? 1 : -1;
  return rng() < noise ? (-truth as 1 | -1) : truth;
}

/** `count` random distinct-item pairs labeled by the noisy oracle. */
export function syntheticPairs(pool: SyntheticPool, count: number, noise: number, seed: number): LabeledPairs {
  const rng = mulberry32(seed);
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  const y = new Int8Array(count);
  for (let k = 0; k < count; k++) {
    let i = 0;
    let j = 0;
    while (i === j) {
      i = Math.floor(rng() * pool.size);
      j = Math.floor(rng() * pool.size);
    }
    a[k] = i;
    b[k] = j;
    y[k] = oracleLabel(pool, i, j, noise, rng);
  }
  return { a, b, y };
}
