import * as tf from '@tensorflow/tfjs';
import { batchIds } from './batch-tensors';
import { inferenceBatches } from './batches';
import type { SequenceExamples } from './examples';

/** Raw head outputs for a set of examples, in the order of `rows`. */
export interface SequenceOutputs {
  rows: Int32Array;
  vocabSize: number;
  /** next-title logits, rows × vocabSize */
  logits: Float32Array;
  /** predicted tenure in months */
  tenure: Float32Array;
  /** hireability logit */
  hireLogit: Float32Array;
}

export async function predictSequences(model: tf.LayersModel, ex: SequenceExamples, rows: Int32Array, vocabSize: number, tenureMean: number, tenureStd: number, batchSize = 512): Promise<SequenceOutputs> {
  const m = rows.length;
  const out: SequenceOutputs = { rows, vocabSize, logits: new Float32Array(m * vocabSize), tenure: new Float32Array(m), hireLogit: new Float32Array(m) };
  const pos = new Map<number, number>();
  rows.forEach((r, i) => pos.set(r, i));
  const { order, batches } = inferenceBatches(rows, ex.lengths, batchSize);
  for (const b of batches) {
    const ids = tf.tensor2d(batchIds(ex, order, b), [b.size, b.steps], 'int32');
    const [lt, tt, ht] = model.predict(ids) as tf.Tensor[];
    const [l, t, h] = (await Promise.all([lt.data(), tt.data(), ht.data()])) as Float32Array[];
    tf.dispose([ids, lt, tt, ht]);
    for (let i = 0; i < b.size; i++) {
      const at = pos.get(order[b.start + i])!;
      out.logits.set(l.subarray(i * vocabSize, (i + 1) * vocabSize), at * vocabSize);
      out.tenure[at] = t[i] * tenureStd + tenureMean;
      out.hireLogit[at] = h[i];
    }
  }
  return out;
}
