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

export { logitsToScores } from '../../evaluation/logit-scores';
