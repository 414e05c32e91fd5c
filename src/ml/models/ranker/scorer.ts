import * as tf from '@tensorflow/tfjs';
import type { SavedWeights } from '../../onnx/bundle';
import { readWeights } from '../loop-utils';
import type { RankerConfig } from './config';
import type { FeatureNormalization } from './items';
import { DropoutStream, StepDropout } from '../step-dropout';

export interface ScorerSpec {
  inputDim: number;
  featureNames: string[];
  normalization: FeatureNormalization;
  config: RankerConfig;
}

/**
 * The shared scorer: normalized item features → Dense+ReLU+Dropout (×hiddenLayers) → one linear
 * score. Both items of a pair go through the same weights, so a score means the same for any item.
 * `standardLayers`: TF.js's own Dropout, for the model.json export (identity at inference).
 */
export function buildScorer(spec: ScorerSpec, opts: { standardLayers?: boolean } = {}): tf.Sequential {
  const c = spec.config;
  const model = tf.sequential();
  // one stream per model, as Kiln's engine draws its masks (engine/fit-ranker-engine.ts); TF.js's seeded Dropout repeats its mask every step
  const stream = new DropoutStream(c.seed + 100);
  for (let i = 0; i < c.hiddenLayers; i++) {
    model.add(tf.layers.dense({ units: c.hiddenUnits, activation: 'relu', inputShape: i === 0 ? [spec.inputDim] : undefined, kernelInitializer: tf.initializers.heNormal({ seed: c.seed + i }), name: `hidden_${i}` }));
    if (c.dropout > 0) {
      const args = { rate: c.dropout, seed: c.seed + 100, name: `dropout_${i}` };
      model.add(opts.standardLayers ? tf.layers.dropout(args) : new StepDropout({ ...args, stream }));
    }
  }
  model.add(tf.layers.dense({ units: 1, inputShape: c.hiddenLayers === 0 ? [spec.inputDim] : undefined, kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 99 }), name: 'score' }));
  return model;
}

export interface SavedRanker extends SavedWeights {
  format: 'kiln.ranker';
  version: 1;
  spec: ScorerSpec;
}

export async function saveRanker(model: tf.LayersModel, spec: ScorerSpec): Promise<SavedRanker> {
  return { format: 'kiln.ranker', version: 1, spec, weights: await readWeights(model) };
}

export function loadRanker(saved: SavedRanker, opts: { standardLayers?: boolean } = {}): tf.Sequential {
  const model = buildScorer(saved.spec, opts);
  const ts = saved.weights.map((w) => tf.tensor(w.data, w.shape));
  model.setWeights(ts);
  tf.dispose(ts);
  return model;
}

export function rankerTransferables(saved: SavedRanker): ArrayBuffer[] {
  return saved.weights.map((w) => w.data.buffer as ArrayBuffer);
}

/** Scores of normalized feature rows, in chunks so a large pool never builds one huge tensor. */
export async function scoreRows(model: tf.LayersModel, x: Float32Array, dim: number, chunk = 4096): Promise<Float32Array> {
  const n = x.length / dim;
  const out = new Float32Array(n);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const t = tf.tidy(() => (model.predict(tf.tensor2d(x.subarray(s * dim, e * dim), [e - s, dim])) as tf.Tensor).reshape([e - s]));
    out.set(await t.data(), s);
    t.dispose();
  }
  return out;
}
