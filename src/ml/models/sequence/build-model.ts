import * as tf from '@tensorflow/tfjs';
import type { SequenceModelConfig } from './config';
import { TitleEmbedding } from './embedding';
import { StepDropout } from '../step-dropout';

/** The dropout stream's seed: config.seed + this (Kiln's engine draws from the same stream). */
export const DROPOUT_SEED_OFFSET = 50;

export interface SequenceModelSpec {
  vocabSize: number;
  config: SequenceModelConfig;
  /** tenure is learned standardized; the export adds the units back */
  tenureMean: number;
  tenureStd: number;
}

/** Output order of the model and of its saved weights. */
export const HEADS = ['next_title_logits', 'tenure', 'hireability_logit'] as const;

/**
 * ids [batch, time] (right-padded with 0) → embedding (masked) → 1–2 (bi)LSTM layers → dropout
 * → three heads: next-title logits, standardized tenure, hireability logit. Gates use the
 * logistic sigmoid (TF.js's default is hardSigmoid): smoother gradients, and ONNX's LSTM default.
 */
/** `standardEmbedding`: TF.js's own layers only (the model.json export), same weights and inference. */
export function buildSequenceModel(spec: SequenceModelSpec, opts: { standardEmbedding?: boolean } = {}): tf.LayersModel {
  const c = spec.config;
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'ids' });
  // the export swaps in TF.js's own Embedding (same weight, same mask of id 0) so that
  // tf.loadLayersModel reads the model.json without Kiln's custom layer registered
  const embedding = opts.standardEmbedding
    ? tf.layers.embedding({ inputDim: spec.vocabSize, outputDim: c.embeddingDim, maskZero: true, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: c.seed }), name: 'embedding' })
    : new TitleEmbedding({ inputDim: spec.vocabSize, outputDim: c.embeddingDim, seed: c.seed, name: 'embedding' });
  let h = embedding.apply(ids) as tf.SymbolicTensor;
  for (let l = 0; l < c.layers; l++) {
    const lstm = (seedOffset: number) =>
      tf.layers.lstm({
        units: c.hiddenUnits,
        returnSequences: l < c.layers - 1,
        recurrentActivation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 10 * l + seedOffset }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: c.seed + 10 * l + seedOffset + 5 }),
        unitForgetBias: true,
        name: `lstm_${l}${seedOffset ? '_b' : ''}`,
      }) as tf.RNN;
    h = (c.bidirectional ? tf.layers.bidirectional({ layer: lstm(0), mergeMode: 'concat', name: `bilstm_${l}` }) : lstm(0)).apply(h) as tf.SymbolicTensor;
  }
  if (c.dropout > 0) {
    // the export (standard layers) keeps TF.js's own Dropout: identical at inference, and loadable without Kiln's classes
    const drop = opts.standardEmbedding ? tf.layers.dropout({ rate: c.dropout, name: 'dropout' }) : new StepDropout({ rate: c.dropout, seed: c.seed + DROPOUT_SEED_OFFSET, name: 'dropout' });
    h = drop.apply(h) as tf.SymbolicTensor;
  }
  const dense = (units: number, name: string, seed: number) => tf.layers.dense({ units, name, kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + seed }) }).apply(h) as tf.SymbolicTensor;
  const outputs = [dense(spec.vocabSize, 'next_title', 60), dense(1, 'tenure', 61), dense(1, 'hireability', 62)];
  return tf.model({ inputs: ids, outputs, name: 'career_sequence' });
}
