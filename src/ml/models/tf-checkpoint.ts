import * as tf from '@tensorflow/tfjs';
import { checkCheckpointFits, type NetCheckpoint } from './checkpoint';
import type { WeightKeeper } from './loop-utils';

/**
 * A NetCheckpoint taken from, and put back into, a TF.js model and its Adam: what every TF.js
 * loop of Kiln (each family's) needs to checkpoint and resume. The loop must minimize over
 * `model.trainableWeights` in that order, since Adam's slots are matched to variables by position.
 */

/** Adam's bias-correction accumulators are private in tfjs; reached by name, and skipped if a later tfjs renames them. */
interface AdamInternals {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

type NamedTensors = Parameters<tf.Optimizer['setWeights']>[0];

/** Reads copy: a CPU-backend read is the tensor's own storage, and a checkpoint's buffers get transferred. */
async function copyOf(t: tf.Tensor): Promise<Float32Array> {
  return Float32Array.from((await t.data()) as Float32Array);
}

/** The loop's state after a finished epoch, besides the model and its optimizer. */
export interface LoopState {
  epoch: number;
  nTrain: number;
  dataKey?: string;
  rngState: number;
  dropoutRngState?: number;
}

export async function captureCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, keeper: WeightKeeper, at: LoopState): Promise<NetCheckpoint> {
  const weights = await Promise.all(model.getWeights().map(copyOf));
  const named = await optimizer.getWeights();
  // getWeights() puts a fresh int32 scalar (the step count) in front of the slot variables
  const [iter, ...slotTensors] = named;
  const iterations = (await iter.tensor.data())[0];
  iter.tensor.dispose();
  const slots = await Promise.all(slotTensors.map((s) => copyOf(s.tensor)));
  const acc = optimizer as unknown as AdamInternals;
  const accBeta: [number, number] | null = acc.accBeta1 && acc.accBeta2 ? [(await acc.accBeta1.data())[0], (await acc.accBeta2.data())[0]] : null;
  const { dataKey, dropoutRngState } = at;
  return {
    epoch: at.epoch,
    nTrain: at.nTrain,
    ...(dataKey !== undefined ? { dataKey } : {}),
    weights,
    optimizer: { iterations, slots, accBeta },
    rngState: at.rngState,
    ...(dropoutRngState !== undefined ? { dropoutRngState } : {}),
    keeper: await keeper.exportState(),
  };
}

/** Throws, before anything is allocated, when a checkpoint was taken from another model or other data. */
export function assertCheckpointFits(model: tf.LayersModel, nTrain: number, cp: NetCheckpoint, dataKey?: string): void {
  checkCheckpointFits(cp, { sizes: model.getWeights().map((w) => w.size), slots: 2 * model.trainableWeights.length, nTrain, dataKey });
}

/** Loads a checkpoint's weights into the model and its state into a fresh Adam (call assertCheckpointFits first). */
export async function restoreCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, cp: NetCheckpoint): Promise<void> {
  const current = model.getWeights();
  const trainable = model.trainableWeights.map((w) => ({ name: w.originalName, shape: w.read().shape }));
  const weights = cp.weights.map((d, i) => tf.tensor(d, current[i].shape, 'float32'));
  model.setWeights(weights);
  tf.dispose(weights);
  const n = trainable.length;
  const named: NamedTensors = [
    { name: 'iter', tensor: tf.scalar(cp.optimizer.iterations, 'int32') },
    ...cp.optimizer.slots.map((d, i) => ({ name: `${trainable[i % n].name}/${i < n ? 'm' : 'v'}`, tensor: tf.tensor(d, trainable[i % n].shape, 'float32') })),
  ];
  // the optimizer's variables share these tensors' storage (reference counted), so ours can go
  await optimizer.setWeights(named);
  tf.dispose(named.map((x) => x.tensor));
  const acc = optimizer as unknown as AdamInternals;
  if (cp.optimizer.accBeta && acc.accBeta1 && acc.accBeta2) {
    const [b1, b2] = [tf.scalar(cp.optimizer.accBeta[0]), tf.scalar(cp.optimizer.accBeta[1])];
    acc.accBeta1.assign(b1);
    acc.accBeta2.assign(b2);
    tf.dispose([b1, b2]);
  }
}
