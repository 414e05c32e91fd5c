import { checkpointDue, type NetCheckpoint } from '../models/checkpoint';
import { nonFiniteMessage, type StopReason } from '../models/loop-utils';
import type { RankerConfig } from '../models/ranker/config';
import type { RankerFitHooks } from '../models/ranker/fit-ranker';
import { pairMetrics } from '../models/ranker/pair-metrics';
import type { LabeledPairs } from '../models/ranker/pair-split';
import type { FlatKeeper } from './flat-keeper';

/**
 * A ranker step's rows, as both of Kiln's ranker fits lay them out: the first items of the pairs
 * order[start … start + n), then the second ones (2n rows of x), and the n labels in y.
 */
export function gatherPairs(xPool: Float32Array, dim: number, p: LabeledPairs, order: ArrayLike<number>, start: number, n: number, x: Float32Array, y: Float32Array): void {
  for (let i = 0; i < n; i++) {
    const r = order[start + i];
    x.set(xPool.subarray(p.a[r] * dim, p.a[r] * dim + dim), i * dim);
    x.set(xPool.subarray(p.b[r] * dim, p.b[r] * dim + dim), (n + i) * dim);
    y[i] = p.y[r];
  }
}

/** What an epoch's end needs: its losses and the pool's scores under the epoch's parameters. */
export interface RankerEpochEnd {
  epoch: number;
  t0: number;
  trainLoss: number;
  /** a step's loss was not finite */
  bad: boolean;
  /** pairs trained on */
  seen: number;
  scores: Float32Array;
  params: Float32Array;
  /** the state after this epoch, taken only when a checkpoint is due (a GPU engine reads its moments back for it) */
  checkpoint: () => NetCheckpoint | Promise<NetCheckpoint>;
}

/**
 * The end of a ranker epoch on either engine (fit-ranker-engine.ts, webgpu/fit-ranker-gpu.ts): the
 * validation pair metrics of the pool's scores, the NaN guard, the early-stopping record (pair
 * accuracy or loss, as configured), the epoch report, a checkpoint (after every epoch but the last,
 * never after an early stop), then whether the run goes on ('completed').
 */
export async function endRankerEpoch(e: RankerEpochEnd, p: LabeledPairs, validationRows: Int32Array, config: RankerConfig, keeper: FlatKeeper, hooks: RankerFitHooks): Promise<{ reason: StopReason; message?: string }> {
  const validation = pairMetrics(e.scores, p.a, p.b, p.y, validationRows, config.margin);
  if (e.bad || !Number.isFinite(e.trainLoss) || !Number.isFinite(validation.loss)) {
    return { reason: 'non-finite-loss', message: nonFiniteMessage(e.epoch, [e.trainLoss, validation.loss]) };
  }
  const watched = config.earlyStopping.monitor === 'loss' || Number.isNaN(validation.accuracy) ? validation.loss : 1 - validation.accuracy;
  const isBest = keeper.record(e.epoch, watched, e.params);
  const elapsed = performance.now() - e.t0;
  await hooks.onEpoch?.({ epoch: e.epoch, trainLoss: e.trainLoss, valLoss: validation.loss, validation, isBest, elapsedMs: elapsed, samplesPerSec: (e.seen / Math.max(elapsed, 1e-3)) * 1000, numTensors: 0 });
  let reason: StopReason = 'completed';
  if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
  if (hooks.shouldStop?.()) reason = 'user-stopped';
  if (hooks.onCheckpoint && checkpointDue(1, e.epoch, config.epochs, reason === 'early-stopped', reason === 'user-stopped')) await hooks.onCheckpoint(await e.checkpoint());
  return { reason };
}
