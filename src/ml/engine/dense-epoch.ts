import type { SeededRng } from '../data/rng';
import { nonFiniteMessage, type StopReason } from '../models/loop-utils';
import { checkpointDue } from '../models/checkpoint';
import type { DenseFitConfig, FitHooks } from '../models/dense-fit';
import type { FlatKeeper } from './flat-keeper';
import { engineCheckpoint, type AdamSnapshot } from './engine-checkpoint';

/**
 * What the dense fits of every engine (fit-dense.ts on the CPU kernels, webgpu/fit-dense-gpu.ts on
 * a GPU device) do alike around their steps: one flat parameter buffer in TF.js's getWeights()
 * order, the end of an epoch, and the checkpoint a resume continues from. Kept in one place so the
 * engines cannot drift apart in what a run reports, when it stops and what it saves.
 */

/** One epoch's figures, as the engine measured them. */
export interface EpochFigures {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** a training batch's loss was not finite */
  badBatch: boolean;
  valLogits: Float32Array;
  /** the parameters after the epoch */
  params: Float32Array;
  elapsedMs: number;
  nTrain: number;
}

/** What closing an epoch needs beyond its figures. */
export interface EpochCloser {
  hooks: FitHooks;
  config: DenseFitConfig;
  keeper: FlatKeeper;
  initial: Float32Array[];
  rng: SeededRng;
  dropRng: SeededRng | undefined;
  /** Adam's state now; read only when a checkpoint is due (a GPU engine reads its moments back for it) */
  adam: () => AdamSnapshot | Promise<AdamSnapshot>;
}

/**
 * The end of an epoch on any engine: the NaN guard, the best-epoch record, the epoch's report,
 * early stopping, a stop request between epochs, and a checkpoint when one is due (never after
 * the last epoch or an early stop). Returns why the run ends ('completed': it goes on).
 */
export async function closeEpoch(f: EpochFigures, c: EpochCloser): Promise<{ reason: StopReason; message?: string }> {
  const { hooks, config, keeper } = c;
  if (f.badBatch || !Number.isFinite(f.trainLoss) || !Number.isFinite(f.valLoss)) return { reason: 'non-finite-loss', message: nonFiniteMessage(f.epoch, [f.trainLoss, f.valLoss]) };
  const isBest = keeper.record(f.epoch, f.valLoss, f.params);
  await hooks.onEpoch?.({ epoch: f.epoch, trainLoss: f.trainLoss, valLoss: f.valLoss, valLogits: f.valLogits, numTensors: 0, elapsedMs: f.elapsedMs, samplesPerSec: (f.nTrain / Math.max(f.elapsedMs, 1e-3)) * 1000, isBest });
  let reason: StopReason = 'completed';
  if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
  if (hooks.shouldStop?.()) reason = 'user-stopped';
  const every = hooks.onCheckpoint ? (config.checkpointEvery ?? 0) : 0;
  if (hooks.onCheckpoint && checkpointDue(every, f.epoch, config.epochs, reason === 'early-stopped', reason === 'user-stopped')) {
    await hooks.onCheckpoint(engineCheckpoint({ epoch: f.epoch, nTrain: f.nTrain, params: f.params, initial: c.initial, adam: await c.adam(), rng: c.rng, dropRng: c.dropRng, keeper: c.keeper }));
  }
  return { reason };
}
