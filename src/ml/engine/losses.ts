import type { TaskKind } from '../task';

/**
 * The mean loss of a batch of logits against targets (rows × width, as
 * the dense families' targetMatrix lays them out), and its gradient with respect to the
 * logits written into `dz`. The reductions are TF.js's, so the engine and `taskLoss` agree:
 * - binary, ordinal: sigmoid cross-entropy max(z,0) − z·t + log(1 + e^−|z|), mean over every element;
 * - multiclass: softmax cross-entropy −Σ_j t_j log softmax(z)_j, mean over rows;
 * - regression: squared error, mean over every element.
 * Sums run in float64: the batch loss is read, not trained on, and a float32 sum of thousands
 * of terms would drift from TF.js's pairwise reduction.
 */
export function taskLossAndGrad(kind: TaskKind, z: Float32Array, t: Float32Array, dz: Float32Array, rows: number, width: number): number {
  const n = rows * width;
  let sum = 0;
  switch (kind) {
    case 'binary':
    case 'ordinal': {
      const inv = 1 / n;
      for (let i = 0; i < n; i++) {
        const x = z[i];
        const y = t[i];
        sum += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
        dz[i] = (sigmoid(x) - y) * inv;
      }
      return sum * inv;
    }
    case 'multiclass': {
      const inv = 1 / rows;
      for (let r = 0; r < rows; r++) {
        const o = r * width;
        let max = -Infinity;
        for (let j = 0; j < width; j++) max = Math.max(max, z[o + j]);
        let s = 0;
        for (let j = 0; j < width; j++) s += Math.exp(z[o + j] - max);
        const logS = Math.log(s) + max;
        let tSum = 0;
        for (let j = 0; j < width; j++) {
          const y = t[o + j];
          tSum += y;
          sum -= y * (z[o + j] - logS);
        }
        // d/dz of −Σ t log softmax(z) is softmax(z)·Σt − t (Σt = 1 for one-hot targets)
        for (let j = 0; j < width; j++) dz[o + j] = (Math.exp(z[o + j] - logS) * tSum - t[o + j]) * inv;
      }
      return sum * inv;
    }
    case 'regression': {
      const inv = 1 / n;
      for (let i = 0; i < n; i++) {
        const d = z[i] - t[i];
        sum += d * d;
        dz[i] = 2 * d * inv;
      }
      return sum * inv;
    }
  }
}

/** The loss alone (validation): the same reductions, no gradient. */
export function taskLoss(kind: TaskKind, z: Float32Array, t: Float32Array, rows: number, width: number): number {
  return taskLossAndGrad(kind, z, t, new Float32Array(rows * width), rows, width);
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * The pair-margin loss of a batch of n pairs whose 2n scores are `s` (the first items, then the
 * second ones), as the pair scorer's TF.js loop has it: with d = s_a − s_b, the mean of
 * max(0, m − y·d) over decisive pairs (y = ±1) and max(0, |d| − m) over ties (y = 0). Writes
 * dLoss/ds into `ds`; TF.js's subgradients at the kinks (relu'(0) = 0, |·|'(0) = 0) are kept.
 */
export function pairMarginLossAndGrad(s: Float32Array, y: Float32Array, n: number, margin: number, ds: Float32Array): number {
  let sum = 0;
  const inv = 1 / n;
  for (let i = 0; i < n; i++) {
    const d = s[i] - s[n + i];
    const yi = y[i];
    let g = 0;
    if (yi !== 0) {
      const dec = Math.abs(yi);
      const r = margin - yi * d;
      if (r > 0) {
        sum += dec * r;
        g = -dec * yi;
      }
    } else {
      const r = Math.abs(d) - margin;
      if (r > 0) {
        sum += r;
        g = d > 0 ? 1 : d < 0 ? -1 : 0;
      }
    }
    ds[i] = g * inv;
    ds[n + i] = -g * inv;
  }
  return sum * inv;
}
