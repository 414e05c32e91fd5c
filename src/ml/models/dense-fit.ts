import type { NetCheckpoint } from './checkpoint';
import type { BatchReport, StageHook, StopReason } from './loop-utils';

/**
 * What a dense network's fit takes and gives back, whichever engine runs it (TF.js's loop, Kiln's
 * engine on the CPU kernels or on WebGPU): one contract, so a run can move between engines and a
 * checkpoint taken on one resumes on the same one with the same hooks.
 */

/** Row-major features and targets of the training and validation rows. */
export interface FitArrays {
  xTrain: Float32Array;
  yTrain: Float32Array;
  nTrain: number;
  xVal: Float32Array;
  yVal: Float32Array;
  nVal: number;
  inputDim: number;
  targetWidth: number;
}

export interface EarlyStopping {
  enabled: boolean;
  /** epochs without a validation-loss improvement before stopping */
  patience: number;
  restoreBestWeights: boolean;
}

/** The settings a dense fit reads; a family's config carries them beside its architecture. */
export interface DenseFitConfig {
  learningRate: number;
  batchSize: number;
  epochs: number;
  earlyStopping: EarlyStopping;
  /** seeds weight init and batch order */
  seed: number;
  /** how many times per epoch the running loss is read back from the device */
  readsPerEpoch: number;
  /**
   * epochs between resumable checkpoints (0: none). Training is the same with or without them.
   * Optional because runs stored before checkpoints existed lack it.
   */
  checkpointEvery?: number;
}

/** config.seed + this seeds a dense network's dropout stream, in TF.js's StepDropout and Kiln's engine alike (both draw the same masks). */
export const DROPOUT_SEED_OFFSET = 100;

export interface EpochReport {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** raw validation logits, for metrics computed by the caller */
  valLogits: Float32Array;
  numTensors: number;
  elapsedMs: number;
  samplesPerSec: number;
  isBest: boolean;
}

export interface FitResult {
  reason: StopReason;
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  message?: string;
  /** numTensors after each epoch, to check for leaks */
  tensorCounts: number[];
  /** set when Kiln's engine trained: its kernels and the bytes of its one memory (flat from the first epoch to the last) */
  engine?: { kernels: string; memoryBytes: number };
}

export interface FitHooks {
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void | Promise<void>;
  shouldStop?: () => boolean;
  now?: () => number;
  /** the upload of the arrays to the device and the first step begin */
  onStage?: StageHook;
  /** the pacer's interval (StepPacer): how long a stop request can wait for the loop */
  pauseEveryMs?: number;
  /**
   * Called every `config.checkpointEvery` epochs (and when a stop lands between epochs) with a
   * state the fit continues from bit for bit on the same backend. Not called after the last epoch
   * or an early stop: that run is over.
   */
  onCheckpoint?: (cp: NetCheckpoint) => void | Promise<void>;
}
