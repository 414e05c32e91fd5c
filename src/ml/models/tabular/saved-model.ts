import * as tf from '@tensorflow/tfjs';
import { readWeights } from '../loop-utils';
import { buildTabularModel, type TabularModelSpec } from './build-model';

/** Weights as plain arrays + the spec that rebuilds the graph: storable in IndexedDB, sendable as transferables. */
export interface SavedTabularModel {
  format: 'kiln.tabular';
  version: 1;
  spec: TabularModelSpec;
  weights: { shape: number[]; data: Float32Array }[];
}

export async function saveTabularModel(model: tf.LayersModel, spec: TabularModelSpec): Promise<SavedTabularModel> {
  return { format: 'kiln.tabular', version: 1, spec, weights: await readWeights(model) };
}

/** `standardLayers`: TF.js's own layers only (the model.json export); the same weights and inference. */
export function loadTabularModel(saved: SavedTabularModel, opts: { standardLayers?: boolean } = {}): tf.Sequential {
  const model = buildTabularModel(saved.spec, opts);
  const tensors = saved.weights.map((w) => tf.tensor(w.data, w.shape));
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
  return model;
}

export function savedModelTransferables(saved: SavedTabularModel): ArrayBuffer[] {
  return saved.weights.map((w) => w.data.buffer as ArrayBuffer);
}
