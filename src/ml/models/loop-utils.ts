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
  /** samples trained per wall-clock second since this fit began (validation passes and the first step's compile included) */
  samplesPerSec: number;
  /** wall-clock time left at that rate for the configured epochs; null before a step has been timed */
  etaMs: number | null;
}

/**
 * What a run is doing before its first step, and after its last: each stage is reported as it
 * begins, so a large file never shows "step 0" while it is still being split or uploaded.
 */
export type RunStage = 'load' | 'backend' | 'preprocess' | 'upload' | 'first-step' | 'evaluate';

export type StageHook = (stage: RunStage, detail?: string) => void;

/**
 * When a loop reads a batch loss back, and the figures of each read. A read is due a few times per
 * epoch (`readsPerEpoch`), after the first step (so the first step shows at once, not a quarter
 * epoch later) and whenever `intervalMs` of wall time has passed without one. The rate and ETA are
 * computed when the read resolves, over wall time since the fit began: by then the device has
 * done the steps counted, so an asynchronous backend queueing ahead of the GPU cannot overstate
 * them, and per-epoch validation is part of the time.
 */
export class BatchReads {
  private readonly t0: number;
  private lastRead: number;
  private samples = 0;
  private reads = 0;
  private readonly readEvery: number;

  constructor(
    private readonly o: { stepsPerEpoch: number; readsPerEpoch: number; totalSteps: number; startGlobalStep: number; now: () => number; intervalMs?: number },
  ) {
    this.t0 = o.now();
    this.lastRead = this.t0;
    this.readEvery = Math.max(1, Math.floor(o.stepsPerEpoch / Math.max(1, o.readsPerEpoch)));
  }

  /** Counts a step of `size` samples (`step` 0-based within its epoch, of `stepsPerEpoch`); true when its loss should be read. */
  step(step: number, size: number, stepsPerEpoch = this.o.stepsPerEpoch): boolean {
    this.samples += size;
    const t = this.o.now();
    const due = this.reads === 0 || (step + 1) % this.readEvery === 0 || step === stepsPerEpoch - 1 || t - this.lastRead >= (this.o.intervalMs ?? 1000);
    if (due) {
      this.reads++;
      this.lastRead = t;
    }
    return due;
  }

  /** The samples counted so far: capture at the step, pass to `report` when its read resolves. */
  mark(): number {
    return this.samples;
  }

  report(at: { epoch: number; step: number; globalStep: number; samples: number }, loss: number, stepsPerEpoch = this.o.stepsPerEpoch): BatchReport {
    const wall = Math.max(this.o.now() - this.t0, 1e-3);
    const done = at.globalStep - this.o.startGlobalStep;
    return {
      epoch: at.epoch,
      step: at.step,
      stepsPerEpoch,
      globalStep: at.globalStep,
      loss,
      samplesPerSec: (at.samples / wall) * 1000,
      etaMs: done > 0 ? (wall / done) * Math.max(0, this.o.totalSteps - at.globalStep) : null,
    };
  }
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

/** Kiln's engine trains a TF.js model: it starts from the model's weights (getWeights() order)… */
export async function engineStartWeights(model: tf.LayersModel): Promise<Float32Array[]> {
  return (await readWeights(model)).map((w) => Float32Array.from(w.data));
}

/** …and puts the trained ones back, so evaluation, saving and export read the model as before. */
export function putEngineWeights(model: tf.LayersModel, weights: Float32Array[]): void {
  const shapes = model.getWeights().map((w) => w.shape);
  const tensors = weights.map((w, i) => tf.tensor(w, shapes[i], 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
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
 * Early stopping's bookkeeping, the same for TF.js's WeightKeeper and the engine's FlatKeeper
 * (src/ml/engine/flat-keeper.ts): the best validation loss, its epoch, and the epochs since.
 */
export class EarlyStoppingBook {
  bestValLoss = Infinity;
  bestEpoch = 0;
  sinceBest = 0;

  /** Counts a finished epoch; true when its validation loss is the best so far. */
  protected note(epoch: number, valLoss: number): boolean {
    const isBest = valLoss < this.bestValLoss;
    if (isBest) {
      this.bestValLoss = valLoss;
      this.bestEpoch = epoch;
      this.sinceBest = 0;
    } else {
      this.sinceBest++;
    }
    return isBest;
  }

  /** Early stopping's test: enabled, and `patience` epochs have passed without a new best. */
  patienceRunOut(es: { enabled: boolean; patience: number }): boolean {
    return es.enabled && this.sinceBest >= es.patience;
  }

  protected takeBook(s: KeeperState): void {
    this.bestValLoss = s.bestValLoss;
    this.bestEpoch = s.bestEpoch;
    this.sinceBest = s.sinceBest;
  }
}

/**
 * The weights bookkeeping both training loops share: the best epoch's weights (when early
 * stopping restores them) and the last epoch that ended with a finite loss, so a NaN never
 * leaves the model broken.
 */
export class WeightKeeper extends EarlyStoppingBook {
  private best: tf.Tensor[] | null = null;
  private lastGood: tf.Tensor[] | null;
  /** the epoch `lastGood` holds (0: the weights before training) */
  private lastGoodEpoch = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly restoreBest: boolean,
  ) {
    super();
    this.lastGood = snapshot(model);
  }

  /** Records a finished epoch with a finite validation loss; true when it is the best so far. */
  record(epoch: number, valLoss: number): boolean {
    const isBest = this.note(epoch, valLoss);
    if (isBest && this.restoreBest) {
      disposeAll(this.best);
      this.best = snapshot(this.model);
    }
    disposeAll(this.lastGood);
    this.lastGood = snapshot(this.model);
    this.lastGoodEpoch = epoch;
    return isBest;
  }

  /** Copies, never views: a CPU-backend read is the tensor's own storage, and a checkpoint's buffers get transferred. */
  async exportState(): Promise<KeeperState> {
    const best = this.best ? await Promise.all(this.best.map(async (t) => Float32Array.from((await t.data()) as Float32Array))) : null;
    return { bestValLoss: this.bestValLoss, bestEpoch: this.bestEpoch, sinceBest: this.sinceBest, best };
  }

  /** Takes over a saved state; the model must already hold the checkpoint's weights, which become the last good ones. */
  importState(s: KeeperState, epoch: number): void {
    this.takeBook(s);
    disposeAll(this.best);
    const shapes = this.model.getWeights().map((w) => w.shape);
    this.best = this.restoreBest && s.best ? s.best.map((d, i) => tf.tensor(d, shapes[i], 'float32')) : null;
    disposeAll(this.lastGood);
    this.lastGood = snapshot(this.model);
    this.lastGoodEpoch = epoch;
  }

  /**
   * Puts back the weights the run keeps: the best epoch's, or after a non-finite loss the last good
   * ones. Returns the epoch whose weights were put back, or null when the model keeps the weights it
   * has (the last epoch's, or a stopped epoch's part).
   */
  restore(reason: StopReason): number | null {
    if (this.restoreBest && this.best) {
      this.model.setWeights(this.best);
      return this.bestEpoch;
    }
    if (reason === 'non-finite-loss' && this.lastGood) {
      this.model.setWeights(this.lastGood);
      return this.lastGoodEpoch;
    }
    return null;
  }

  dispose(): void {
    disposeAll(this.best);
    disposeAll(this.lastGood);
    this.best = null;
    this.lastGood = null;
  }
}
