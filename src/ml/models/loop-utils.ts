import * as tf from '@tensorflow/tfjs';

/** Shared by the training loops of every TF.js family. */
export type StopReason = 'completed' | 'early-stopped' | 'user-stopped' | 'non-finite-loss';

/** A batch-loss read, as every family's loop reports it. */
export interface BatchReport {
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  globalStep: number;
  /** loss of the batch read back at this step */
  loss: number;
  samplesPerSec: number;
}

/** Lets queued messages (a stop request) run between steps without a timer's clamped delay. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Dense kernels, the weights that L2 applies to (biases are not penalised, as in Keras'
 * kernel_regularizer). Matched on `originalName`: TF.js renames the variables of every later
 * model in the process (`dense_0/kernel_1`), and a match on `name` then finds none.
 */
export function kernels(model: tf.LayersModel): tf.Tensor[] {
  return model.trainableWeights.filter((w) => w.originalName.endsWith('/kernel')).map((w) => w.read());
}

/** A model's weights as plain float32 arrays, in getWeights() order: what every family stores and exports. */
export async function readWeights(model: tf.LayersModel): Promise<{ shape: number[]; data: Float32Array }[]> {
  const ws = model.getWeights();
  const datas = await Promise.all(ws.map((w) => w.data() as Promise<Float32Array>));
  return ws.map((w, i) => ({ shape: w.shape, data: datas[i] }));
}

export function snapshot(model: tf.LayersModel): tf.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

export function disposeAll(ts: tf.Tensor[] | null): void {
  if (ts) for (const t of ts) t.dispose();
}

export function nonFiniteMessage(epoch: number, values: number[]): string {
  return `the loss became ${values.some(Number.isNaN) ? 'NaN' : 'infinite'} in epoch ${epoch}; training stopped and the last good weights (epoch ${epoch - 1}) were kept. Try a lower learning rate or check the features for extreme values.`;
}

/** A WeightKeeper's state as plain data: what a checkpoint carries so early stopping decides the same after a resume. */
export interface KeeperState {
  bestValLoss: number;
  bestEpoch: number;
  sinceBest: number;
  /** the best epoch's weights in getWeights() order; null unless restore-best is on */
  best: Float32Array[] | null;
}

/**
 * The weights bookkeeping both training loops share: the best epoch's weights (when early
 * stopping restores them) and the last epoch that ended with a finite loss, so a NaN never
 * leaves the model broken.
 */
export class WeightKeeper {
  private best: tf.Tensor[] | null = null;
  private lastGood: tf.Tensor[] | null;
  bestValLoss = Infinity;
  bestEpoch = 0;
  sinceBest = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly restoreBest: boolean,
  ) {
    this.lastGood = snapshot(model);
  }

  /** Records a finished epoch with a finite validation loss; true when it is the best so far. */
  record(epoch: number, valLoss: number): boolean {
    const isBest = valLoss < this.bestValLoss;
    if (isBest) {
      this.bestValLoss = valLoss;
      this.bestEpoch = epoch;
      this.sinceBest = 0;
      if (this.restoreBest) {
        disposeAll(this.best);
        this.best = snapshot(this.model);
      }
    } else {
      this.sinceBest++;
    }
    disposeAll(this.lastGood);
    this.lastGood = snapshot(this.model);
    return isBest;
  }

  /** Copies, never views: a CPU-backend read is the tensor's own storage, and a checkpoint's buffers get transferred. */
  async exportState(): Promise<KeeperState> {
    const best = this.best ? await Promise.all(this.best.map(async (t) => Float32Array.from((await t.data()) as Float32Array))) : null;
    return { bestValLoss: this.bestValLoss, bestEpoch: this.bestEpoch, sinceBest: this.sinceBest, best };
  }

  /** Takes over a saved state; the model must already hold the checkpoint's weights, which become the last good ones. */
  importState(s: KeeperState): void {
    this.bestValLoss = s.bestValLoss;
    this.bestEpoch = s.bestEpoch;
    this.sinceBest = s.sinceBest;
    disposeAll(this.best);
    const shapes = this.model.getWeights().map((w) => w.shape);
    this.best = this.restoreBest && s.best ? s.best.map((d, i) => tf.tensor(d, shapes[i], 'float32')) : null;
    disposeAll(this.lastGood);
    this.lastGood = snapshot(this.model);
  }

  /** Early stopping's test: enabled, and `patience` epochs have passed without a new best. */
  patienceRunOut(es: { enabled: boolean; patience: number }): boolean {
    return es.enabled && this.sinceBest >= es.patience;
  }

  /** Puts back the weights the run keeps: the best epoch's, or after a non-finite loss the last good ones. */
  restore(reason: StopReason): void {
    if (reason === 'non-finite-loss') {
      if (this.lastGood) this.model.setWeights(this.restoreBest && this.best ? this.best : this.lastGood);
    } else if (this.restoreBest && this.best) {
      this.model.setWeights(this.best);
    }
  }

  dispose(): void {
    disposeAll(this.best);
    disposeAll(this.lastGood);
    this.best = null;
    this.lastGood = null;
  }
}
