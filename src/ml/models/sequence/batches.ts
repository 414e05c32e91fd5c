import { permutation, shuffleInPlace, type Rng } from '../../data/rng';

export interface Batch {
  start: number;
  size: number;
  /** time steps of the batch: its longest prefix (right padding beyond is cut) */
  steps: number;
}

/**
 * An epoch's order of training rows, grouped so each batch holds prefixes of similar length:
 * rows are shuffled, sorted by length within windows of `window` batches, cut into batches, and
 * the batches shuffled. A batch then runs only as many LSTM steps as its longest prefix, which
 * on short career histories saves most of the padded steps. Rows' ids must have ≥ 2 columns.
 */
export function bucketedEpoch(rows: Int32Array, lengths: Int32Array, batchSize: number, rng: Rng, window = 20): { order: Int32Array; batches: Batch[] } {
  const perm = permutation(rows.length, rng);
  const shuffled = Int32Array.from(perm, (i) => rows[i]);
  const span = batchSize * window;
  for (let s = 0; s < shuffled.length; s += span) {
    const part = shuffled.subarray(s, Math.min(shuffled.length, s + span));
    part.sort((a, b) => lengths[a] - lengths[b]);
  }
  const chunks: Int32Array[] = [];
  for (let s = 0; s < shuffled.length; s += batchSize) chunks.push(shuffled.slice(s, Math.min(shuffled.length, s + batchSize)));
  shuffleInPlace(chunks, rng);
  const order = new Int32Array(shuffled.length);
  const batches: Batch[] = [];
  let at = 0;
  for (const c of chunks) {
    order.set(c, at);
    // TF.js cannot differentiate an RNN over a single time step (the gradient of its one-step
    // unstack fails), so a batch of one-role prefixes runs two steps, the second masked
    let steps = 2;
    for (const r of c) steps = Math.max(steps, lengths[r]);
    batches.push({ start: at, size: c.length, steps });
    at += c.length;
  }
  return { order, batches };
}

/** Fixed, length-sorted chunks for inference: the same padding savings, no shuffling. */
export function inferenceBatches(rows: Int32Array, lengths: Int32Array, batchSize: number): { order: Int32Array; batches: Batch[] } {
  const order = Int32Array.from(rows).sort((a, b) => lengths[a] - lengths[b]);
  const batches: Batch[] = [];
  for (let s = 0; s < order.length; s += batchSize) {
    const size = Math.min(batchSize, order.length - s);
    let steps = 1;
    for (let i = s; i < s + size; i++) steps = Math.max(steps, lengths[order[i]]);
    batches.push({ start: s, size, steps });
  }
  return { order, batches };
}

