import type { KeeperState } from './loop-utils';

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
 * Everything a network's fit (any family, either engine) needs to continue after epoch `epoch` as
 * if it had never stopped: weights, optimizer, the batch-order generator, the dropout stream and
 * early stopping's bookkeeping. Plain arrays, so it can be posted between threads and stored in
 * IndexedDB as it is.
 */
export interface NetCheckpoint {
  /** the last finished epoch; a resume starts at epoch + 1 */
  epoch: number;
  /** training examples of the run (rows, pairs, prefixes), a cheap guard against resuming on other data */
  nTrain: number;
  /**
   * A fingerprint of the training data, for fits whose examples can change while their count
   * stays (labels edited); absent where the count is guard enough.
   */
  dataKey?: string;
  /** model weights in getWeights() order */
  weights: Float32Array[];
  optimizer: AdamState;
  /** mulberry32 state after the last epoch's shuffle */
  rngState: number;
  /** the dropout stream's state (both engines draw their masks from one stream; absent without dropout, and on checkpoints from before TF.js's StepDropout) */
  dropoutRngState?: number;
  keeper: KeeperState;
}

/** What a checkpoint must match to continue a fit: the weights' sizes, the optimizer's slots and the data. */
export interface CheckpointTarget {
  /** element count of each weight, in getWeights() order */
  sizes: number[];
  /** Adam slots the fit keeps (2 per trainable weight) */
  slots: number;
  nTrain: number;
  dataKey?: string;
}

/** Throws, before anything is allocated, when a checkpoint was taken from another model or other data. */
export function checkCheckpointFits(cp: NetCheckpoint, t: CheckpointTarget): void {
  if (cp.nTrain !== t.nTrain) throw new Error(`the checkpoint was taken on ${cp.nTrain} training examples, this data has ${t.nTrain}`);
  if (t.dataKey !== undefined && cp.dataKey !== undefined && cp.dataKey !== t.dataKey) {
    throw new Error('the checkpoint was taken on other training data (the same number of examples, other contents)');
  }
  if (cp.weights.length !== t.sizes.length || cp.weights.some((w, i) => w.length !== t.sizes[i])) {
    throw new Error('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
  }
  if (cp.optimizer.slots.length !== t.slots) throw new Error('the checkpoint does not fit this model: its optimizer state is for other weights');
}

/**
 * Whether an epoch's end takes a checkpoint: every `every` epochs and when a stop lands between
 * epochs, never after the last epoch or an early stop (that run is over), never without a hook.
 */
export function checkpointDue(every: number, epoch: number, epochs: number, earlyStopped: boolean, userStopped: boolean): boolean {
  return every > 0 && epoch < epochs && !earlyStopped && (epoch % every === 0 || userStopped);
}

/** β1^t and β2^t for a checkpoint that lacks the products (stored before they were kept). */
export function accBetaOf(o: AdamState): [number, number] {
  return o.accBeta ?? [Math.pow(0.9, o.iterations + 1), Math.pow(0.999, o.iterations + 1)];
}

function arrays(cp: NetCheckpoint): Float32Array[] {
  return [...cp.weights, ...cp.optimizer.slots, ...(cp.keeper.best ?? [])];
}

export function checkpointBytes(cp: NetCheckpoint): number {
  return arrays(cp).reduce((s, a) => s + a.byteLength, 0);
}

/** The buffers to move, not copy, when a checkpoint leaves the worker. */
export function checkpointTransferables(cp: NetCheckpoint): ArrayBuffer[] {
  return [...new Set(arrays(cp).map((a) => a.buffer as ArrayBuffer))];
}

/**
 * FNV-1a over the values of some arrays (their lengths included), as 8 hex digits: a data
 * fingerprint that the page and the worker compute alike from the same arrays.
 */
export function fingerprint(parts: ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (const p of parts) {
    mix(p.length);
    for (let i = 0; i < p.length; i++) {
      f[0] = p[i];
      mix(u[0]);
    }
  }
  return h.toString(16).padStart(8, '0');
}
