/** A batch's targets, as models/sequence/batch-tensors.ts's batchTargets lays them out. */
export interface SequenceTargets {
  title: Int32Array;
  /** standardized tenure, 0 where censored */
  tenure: Float32Array;
  /** 1 where the tenure is known */
  tenureMask: Float32Array;
  hire: Float32Array;
}

export interface HeadLossParts {
  title: number;
  tenure: number;
  hire: number;
  total: number;
}

/**
 * The sequence family's multi-task loss, with the reductions of batch-tensors.ts's headLosses:
 * mean softmax cross-entropy over the next titles, mean squared error over the rows whose tenure
 * is known (sum / max(known, 1)), mean sigmoid cross-entropy for hireability; total = title +
 * w_tenure·tenure + w_hire·hire. Writes d(total)/d(each head's output) into the three gradients.
 * Sums run in float64 (the loss is read, not trained on).
 */
export function multiTaskLossAndGrad(
  out: { logits: Float32Array; tenure: Float32Array; hire: Float32Array },
  t: SequenceTargets,
  weights: { tenure: number; hire: number },
  rows: number,
  vocab: number,
  grad: { logits: Float32Array; tenure: Float32Array; hire: Float32Array },
): HeadLossParts {
  const inv = 1 / rows;
  let ce = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * vocab;
    let max = -Infinity;
    for (let j = 0; j < vocab; j++) max = Math.max(max, out.logits[o + j]);
    let s = 0;
    for (let j = 0; j < vocab; j++) s += Math.exp(out.logits[o + j] - max);
    const logS = Math.log(s) + max;
    const y = t.title[r];
    ce -= out.logits[o + y] - logS;
    for (let j = 0; j < vocab; j++) grad.logits[o + j] = Math.exp(out.logits[o + j] - logS) * inv;
    grad.logits[o + y] -= inv;
  }
  let known = 0;
  for (let r = 0; r < rows; r++) known += t.tenureMask[r];
  const invKnown = 1 / Math.max(known, 1);
  let sq = 0;
  for (let r = 0; r < rows; r++) {
    const d = out.tenure[r] - t.tenure[r];
    const m = t.tenureMask[r];
    sq += d * d * m;
    grad.tenure[r] = 2 * d * m * invKnown * weights.tenure;
  }
  let bce = 0;
  for (let r = 0; r < rows; r++) {
    const z = out.hire[r];
    const y = t.hire[r];
    bce += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    grad.hire[r] = (p - y) * inv * weights.hire;
  }
  const title = ce * inv;
  const tenure = sq * invKnown;
  const hire = bce * inv;
  return { title, tenure, hire, total: title + weights.tenure * tenure + weights.hire * hire };
}
