import * as tf from '@tensorflow/tfjs';
import { batchIds } from './batch-tensors';
import { inferenceBatches, type Batch } from './batches';
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

/**
 * Scores `rows` in length-sorted inference batches: `score` runs one batch (its ids, [size × steps])
 * and returns its head outputs in batch order; they are placed back in the order of `rows`, tenure
 * in months. TF.js's predictor and Kiln's engine (engine/fit-sequence-engine.ts) both score this way.
 */
export async function scoreSequences(
  ex: SequenceExamples,
  rows: Int32Array,
  vocabSize: number,
  tenureMean: number,
  tenureStd: number,
  batchSize: number,
  score: (ids: Int32Array, b: Batch) => Promise<{ logits: Float32Array; tenure: Float32Array; hire: Float32Array }>,
): Promise<SequenceOutputs> {
  const m = rows.length;
  const out: SequenceOutputs = { rows, vocabSize, logits: new Float32Array(m * vocabSize), tenure: new Float32Array(m), hireLogit: new Float32Array(m) };
  const pos = new Map<number, number>();
  rows.forEach((r, i) => pos.set(r, i));
  const { order, batches } = inferenceBatches(rows, ex.lengths, batchSize);
  for (const b of batches) {
    const { logits, tenure, hire } = await score(batchIds(ex, order, b), b);
    for (let i = 0; i < b.size; i++) {
      const at = pos.get(order[b.start + i])!;
      out.logits.set(logits.subarray(i * vocabSize, (i + 1) * vocabSize), at * vocabSize);
      out.tenure[at] = tenure[i] * tenureStd + tenureMean;
      out.hireLogit[at] = hire[i];
    }
  }
  return out;
}

export function predictSequences(model: tf.LayersModel, ex: SequenceExamples, rows: Int32Array, vocabSize: number, tenureMean: number, tenureStd: number, batchSize = 512): Promise<SequenceOutputs> {
  return scoreSequences(ex, rows, vocabSize, tenureMean, tenureStd, batchSize, async (idsArr, b) => {
    const ids = tf.tensor2d(idsArr, [b.size, b.steps], 'int32');
    const [lt, tt, ht] = model.predict(ids) as tf.Tensor[];
    const [logits, tenure, hire] = (await Promise.all([lt.data(), tt.data(), ht.data()])) as Float32Array[];
    tf.dispose([ids, lt, tt, ht]);
    return { logits, tenure, hire };
  });
}
