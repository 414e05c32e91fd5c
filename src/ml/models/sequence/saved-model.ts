import * as tf from '@tensorflow/tfjs';
import { readWeights } from '../loop-utils';
import { buildSequenceModel, type SequenceModelSpec } from './build-model';

/** Weights in model.getWeights() order plus the spec that rebuilds the graph. */
export interface SavedSequenceModel {
  format: 'kiln.sequence';
  version: 1;
  spec: SequenceModelSpec;
  weights: { name: string; shape: number[]; data: Float32Array }[];
}

export async function saveSequenceModel(model: tf.LayersModel, spec: SequenceModelSpec): Promise<SavedSequenceModel> {
  const ws = await readWeights(model);
  return { format: 'kiln.sequence', version: 1, spec, weights: ws.map((w, i) => ({ name: model.weights[i].originalName, ...w })) };
}

export function loadSequenceModel(saved: SavedSequenceModel, opts: { standardEmbedding?: boolean } = {}): tf.LayersModel {
  const model = buildSequenceModel(saved.spec, opts);
  const tensors = saved.weights.map((w) => tf.tensor(w.data, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return model;
}

export function sequenceModelTransferables(saved: SavedSequenceModel): ArrayBuffer[] {
  return saved.weights.map((w) => w.data.buffer as ArrayBuffer);
}
