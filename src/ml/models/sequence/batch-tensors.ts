import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batches';
import type { SequenceExamples } from './examples';

/** The ids of one batch, cut to its own number of steps: [size, steps] int32, right-padded with 0. */
export function batchIds(ex: SequenceExamples, order: Int32Array, b: Batch): Int32Array {
  const out = new Int32Array(b.size * b.steps);
  for (let i = 0; i < b.size; i++) {
    const r = order[b.start + i];
    out.set(ex.ids.subarray(r * ex.maxLen, r * ex.maxLen + b.steps), i * b.steps);
  }
  return out;
}

export interface BatchTargets {
  title: Int32Array;
  /** standardized tenure, 0 where censored */
  tenure: Float32Array;
  /** 1 where the tenure is known */
  tenureMask: Float32Array;
  hire: Float32Array;
}

export function batchTargets(ex: SequenceExamples, order: Int32Array, b: Batch, tenureMean: number, tenureStd: number): BatchTargets {
  const t: BatchTargets = { title: new Int32Array(b.size), tenure: new Float32Array(b.size), tenureMask: new Float32Array(b.size), hire: new Float32Array(b.size) };
  for (let i = 0; i < b.size; i++) {
    const r = order[b.start + i];
    t.title[i] = ex.nextTitle[r];
    const m = ex.tenureMonths[r];
    if (!Number.isNaN(m)) {
      t.tenure[i] = (m - tenureMean) / tenureStd;
      t.tenureMask[i] = 1;
    }
    t.hire[i] = ex.hire[r];
  }
  return t;
}

/**
 * The three head losses of a batch: mean softmax cross-entropy over titles, mean squared error
 * over rows whose tenure is known, mean sigmoid cross-entropy for hireability.
 */
export function headLosses(outputs: tf.Tensor[], t: { title: tf.Tensor1D; tenure: tf.Tensor1D; tenureMask: tf.Tensor1D; hire: tf.Tensor1D }, vocabSize: number): [tf.Scalar, tf.Scalar, tf.Scalar] {
  const [logits, tenure, hire] = outputs as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(t.title, vocabSize), logits) as tf.Scalar;
  const sq = tf.square(tf.sub(tf.reshape(tenure, [-1]), t.tenure));
  const mse = tf.div(tf.sum(tf.mul(sq, t.tenureMask)), tf.maximum(tf.sum(t.tenureMask), 1)) as tf.Scalar;
  const bce = tf.losses.sigmoidCrossEntropy(tf.reshape(t.hire, [-1, 1]), hire) as tf.Scalar;
  return [ce, mse, bce];
}
