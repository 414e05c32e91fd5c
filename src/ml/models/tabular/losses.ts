import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '../../task';

/**
 * Targets as the loss wants them on the device: binary [n,1] of 0/1, multiclass one-hot [n,k],
 * ordinal cumulative [n,k−1] with t_j = 1[y > j], regression [n,1] standardized.
 */
export function targetMatrix(kind: TaskKind, y: ArrayLike<number>, classes: number, yMean = 0, yStd = 1): { data: Float32Array; width: number } {
  const n = y.length;
  if (kind === 'multiclass') {
    const data = new Float32Array(n * classes);
    for (let i = 0; i < n; i++) data[i * classes + y[i]] = 1;
    return { data, width: classes };
  }
  if (kind === 'ordinal') {
    const w = classes - 1;
    const data = new Float32Array(n * w);
    for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) data[i * w + j] = y[i] > j ? 1 : 0;
    return { data, width: w };
  }
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = kind === 'regression' ? (y[i] - yMean) / yStd : y[i];
  return { data, width: 1 };
}

/** Mean loss over a batch of logits against target matrices from targetMatrix. */
export function taskLoss(kind: TaskKind, logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  switch (kind) {
    case 'binary':
    case 'ordinal':
      return tf.losses.sigmoidCrossEntropy(targets, logits) as tf.Scalar;
    case 'multiclass':
      return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
    case 'regression':
      return tf.losses.meanSquaredError(targets, logits) as tf.Scalar;
  }
}

/** Logits → what metrics take: P(positive), class probabilities, or target-unit predictions. */
export function logitsToScores(kind: TaskKind, logits: Float32Array, classes: number, yMean = 0, yStd = 1): Float64Array {
  if (kind === 'binary') return Float64Array.from(logits, (z) => 1 / (1 + Math.exp(-z)));
  if (kind === 'regression') return Float64Array.from(logits, (z) => z * yStd + yMean);
  if (kind === 'multiclass') {
    const n = logits.length / classes;
    const out = new Float64Array(logits.length);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < classes; j++) max = Math.max(max, logits[i * classes + j]);
      let s = 0;
      for (let j = 0; j < classes; j++) s += out[i * classes + j] = Math.exp(logits[i * classes + j] - max);
      for (let j = 0; j < classes; j++) out[i * classes + j] /= s;
    }
    return out;
  }
  // ordinal: cumulative P(y > j), made non-increasing in j, then differenced into class probabilities
  const w = classes - 1;
  const n = logits.length / w;
  const out = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    let prev = 1;
    for (let j = 0; j < w; j++) {
      const c = Math.min(prev, 1 / (1 + Math.exp(-logits[i * w + j])));
      out[i * classes + j] = prev - c;
      prev = c;
    }
    out[i * classes + w] = prev;
  }
  return out;
}
