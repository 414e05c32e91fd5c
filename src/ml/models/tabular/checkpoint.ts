import * as tf from '@tensorflow/tfjs';
import type { KeeperState, WeightKeeper } from '../loop-utils';

/** Adam's state between two steps: enough to continue with the same moments and bias correction. */
export interface AdamState {
  /** optimizer steps taken so far */
  iterations: number;
  /** first moments, then second moments, in trainable-weight order */
  slots: Float32Array[];
  /**
   * beta1^t and beta2^t as Adam accumulated them, one float32 product per step. tf's own
   * setWeights recomputes them with pow(), which rounds differently; restoring the products
   * keeps a resumed run on the uninterrupted run's numbers.
   */
  accBeta: [number, number] | null;
}

/**
 * Everything a tabular fit needs to continue after epoch `epoch` as if it had never stopped:
 * weights, optimizer, the batch-order generator and early stopping's bookkeeping. Plain arrays,
 * so it can be posted between threads and stored in IndexedDB as it is.
 */
export interface TabularCheckpoint {
  /** the last finished epoch; a resume starts at epoch + 1 */
  epoch: number;
  /** training rows of the run, a cheap guard against resuming on other data */
  nTrain: number;
  /** model weights in getWeights() order */
  weights: Float32Array[];
  optimizer: AdamState;
  /** mulberry32 state after the last epoch's permutation */
  rngState: number;
  /** the dropout stream's state (both engines draw their masks from one stream; absent on checkpoints from before TF.js's StepDropout, and without dropout) */
  dropoutRngState?: number;
  keeper: KeeperState;
}

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

export async function captureCheckpoint(
  epoch: number,
  nTrain: number,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  rngState: number,
  keeper: WeightKeeper,
): Promise<TabularCheckpoint> {
  const weights = await Promise.all(model.getWeights().map(copyOf));
  const named = await optimizer.getWeights();
  // getWeights() puts a fresh int32 scalar (the step count) in front of the slot variables
  const [iter, ...slotTensors] = named;
  const iterations = (await iter.tensor.data())[0];
  iter.tensor.dispose();
  const slots = await Promise.all(slotTensors.map((s) => copyOf(s.tensor)));
  const acc = optimizer as unknown as AdamInternals;
  const accBeta: [number, number] | null = acc.accBeta1 && acc.accBeta2 ? [(await acc.accBeta1.data())[0], (await acc.accBeta2.data())[0]] : null;
  return { epoch, nTrain, weights, optimizer: { iterations, slots, accBeta }, rngState, keeper: await keeper.exportState() };
}

/** Throws, before anything is allocated, when a checkpoint was taken from another model or other data. */
export function assertCheckpointFits(model: tf.LayersModel, nTrain: number, cp: TabularCheckpoint): void {
  if (cp.nTrain !== nTrain) throw new Error(`the checkpoint was taken on ${cp.nTrain} training rows, this data has ${nTrain}`);
  const current = model.getWeights();
  if (cp.weights.length !== current.length || cp.weights.some((w, i) => w.length !== current[i].size)) {
    throw new Error('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
  }
  if (cp.optimizer.slots.length !== 2 * model.trainableWeights.length) throw new Error('the checkpoint does not fit this model: its optimizer state is for other weights');
}

/** Loads a checkpoint's weights into the model and its state into a fresh Adam (call assertCheckpointFits first). */
export async function restoreCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, cp: TabularCheckpoint): Promise<void> {
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

function arrays(cp: TabularCheckpoint): Float32Array[] {
  return [...cp.weights, ...cp.optimizer.slots, ...(cp.keeper.best ?? [])];
}

export function checkpointBytes(cp: TabularCheckpoint): number {
  return arrays(cp).reduce((s, a) => s + a.byteLength, 0);
}

/** The buffers to move, not copy, when a checkpoint leaves the worker. */
export function checkpointTransferables(cp: TabularCheckpoint): ArrayBuffer[] {
  return [...new Set(arrays(cp).map((a) => a.buffer as ArrayBuffer))];
}
