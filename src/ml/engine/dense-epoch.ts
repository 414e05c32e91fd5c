import type { SeededRng } from '../data/rng';
import { nonFiniteMessage, type StopReason } from '../models/loop-utils';
import type { TabularCheckpoint } from '../models/tabular/checkpoint';
import type { TabularConfig } from '../models/tabular/config';
import type { FitHooks } from '../models/tabular/train-loop';
import type { FlatKeeper } from './flat-keeper';

/**
 * What the dense fits of every engine (fit-dense.ts on the CPU kernels, webgpu/fit-dense-gpu.ts on
 * a GPU device) do alike around their steps: one flat parameter buffer in TF.js's getWeights()
 * order, the end of an epoch, and the checkpoint a resume continues from. Kept in one place so the
 * engines cannot drift apart in what a run reports, when it stops and what it saves.
 */

export function setFlat(dst: Float32Array, parts: Float32Array[]): void {
  let at = 0;
  for (const p of parts) {
    dst.set(p, at);
    at += p.length;
  }
}

export function flat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  setFlat(out, parts);
  return out;
}

/** Copies of the flat buffer cut as `like` is: separate buffers, since checkpoints and results get transferred. */
export function split(src: Float32Array, like: Float32Array[]): Float32Array[] {
  let at = 0;
  return like.map((p) => src.slice(at, (at += p.length)));
}

/** Throws, before anything is set up, when a checkpoint was taken from another model or other data. */
export function checkCheckpointFits(cp: TabularCheckpoint, initial: Float32Array[], nTrain: number): void {
  if (cp.nTrain !== nTrain) throw new Error(`the checkpoint was taken on ${cp.nTrain} training rows, this data has ${nTrain}`);
  if (cp.weights.length !== initial.length || cp.weights.some((w, i) => w.length !== initial[i].length)) {
    throw new Error('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
  }
  if (cp.optimizer.slots.length !== 2 * initial.length) throw new Error('the checkpoint does not fit this model: its optimizer state is for other weights');
}

/** Adam's state as a checkpoint stores it, whichever engine kept it. */
export interface AdamSnapshot {
  step: number;
  m: Float32Array;
  v: Float32Array;
  accBeta: [number, number];
}

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
  config: TabularConfig;
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
  if (hooks.onCheckpoint && every > 0 && f.epoch < config.epochs && reason !== 'early-stopped' && (f.epoch % every === 0 || reason === 'user-stopped')) {
    const a = await c.adam();
    await hooks.onCheckpoint({
      epoch: f.epoch,
      nTrain: f.nTrain,
      weights: split(f.params, c.initial),
      optimizer: { iterations: a.step, slots: [...split(a.m, c.initial), ...split(a.v, c.initial)], accBeta: a.accBeta },
      rngState: c.rng.state(),
      ...(c.dropRng ? { dropoutRngState: c.dropRng.state() } : {}),
      keeper: c.keeper.exportState(c.initial),
    });
  }
  return { reason };
}
