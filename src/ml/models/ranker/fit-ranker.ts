import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffleInPlace, type SeededRng } from '../../data/rng';
import { checkpointDue, fingerprint, type NetCheckpoint } from '../checkpoint';
import { assertCheckpointFits, captureCheckpoint, restoreCheckpoint } from '../tf-checkpoint';
import { dropoutStreamOf } from '../step-dropout';
import { BatchReads, kernels, nonFiniteMessage, WeightKeeper, type BatchReport, type StageHook, type StopReason } from '../loop-utils';
import { StepPacer } from '../step-pacer';
import type { RankerConfig } from './config';
import type { LabeledPairs } from './pair-split';
import { pairMetrics, type PairMetrics } from './pair-metrics';
import { scoreRows } from './scorer';

export type RankerBatchReport = BatchReport;

export interface RankerEpochReport {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  validation: PairMetrics;
  isBest: boolean;
  elapsedMs: number;
  samplesPerSec: number;
  numTensors: number;
}

export interface RankerFitHooks {
  onBatch?: (r: RankerBatchReport) => void;
  onEpoch?: (r: RankerEpochReport) => void | Promise<void>;
  shouldStop?: () => boolean;
  /** the upload of the pool to the device and the first step begin */
  onStage?: StageHook;
  /** the pacer's interval (StepPacer): how long a stop request can wait for the loop */
  pauseEveryMs?: number;
  /**
   * Called after each finished epoch but the last (and not after an early stop) with a state
   * the same fit continues from (`resume`), on the same engine and backend, bit for bit.
   */
  onCheckpoint?: (cp: NetCheckpoint) => void | Promise<void>;
}

/** The labeled pairs' fingerprint over the pool: a checkpoint taken before the labels changed is refused. */
export function rankerDataKey(p: LabeledPairs, poolSize: number): string {
  return fingerprint([[poolSize], p.a, p.b, p.y]);
}

/**
 * The batch order of every ranker fit: the training pairs shuffled in place once per epoch from
 * the seed. Each shuffle starts from the last one's order, so a resume replays the checkpoint's
 * epochs of shuffles (cheap: no training) and checks that the generator lands on its state.
 */
export function pairOrder(train: Int32Array, seed: number, resume?: NetCheckpoint): { order: number[]; rng: SeededRng } {
  const order = Array.from(train);
  const rng = mulberry32(seed);
  if (resume) {
    for (let e = 0; e < resume.epoch; e++) shuffleInPlace(order, rng);
    if (rng.state() !== resume.rngState) throw new Error("the checkpoint's batch order does not follow from this run's seed: it was taken from another run");
  }
  return { order, rng };
}

export interface RankerFitResult {
  reason: StopReason;
  epochsRun: number;
  bestEpoch: number;
  message?: string;
  tensorCounts: number[];
}

/**
 * The margin ranking loss of a batch: both items go through the scorer in one call (one matmul
 * per layer), then max(0, m − y·d) for decisive pairs and max(0, |d| − m) for ties.
 */
function batchLoss(model: tf.LayersModel, x: tf.Tensor2D, a: Int32Array, b: Int32Array, y: Float32Array, margin: number, weightDecay: number): tf.Scalar {
  const n = a.length;
  const idx = tf.tensor1d(Int32Array.from([...a, ...b]), 'int32');
  const s = (model.apply(tf.gather(x, idx), { training: true }) as tf.Tensor).reshape([2 * n]);
  const d = tf.sub(s.slice(0, n), s.slice(n, n));
  const yt = tf.tensor1d(y);
  const decisive = tf.abs(yt);
  const m = tf.scalar(margin);
  const rank = tf.relu(tf.sub(m, tf.mul(yt, d)));
  const tie = tf.relu(tf.sub(tf.abs(d), m));
  const loss = tf.mean(tf.add(tf.mul(decisive, rank), tf.mul(tf.sub(1, decisive), tie))) as tf.Scalar;
  if (weightDecay === 0) return loss;
  return tf.add(loss, tf.mul(weightDecay, tf.addN(kernels(model).map((k) => tf.sum(tf.square(k)))))) as tf.Scalar;
}

/**
 * Kiln's loop for the ranker. The whole normalized pool sits on the device once; a batch
 * gathers its pairs' rows from it. Validation scores the pool once per epoch and computes the
 * pair metrics on the CPU, so held-out pairs cost no extra device passes. Early stopping on the
 * validation pairwise accuracy (or loss) keeps the best weights; a non-finite loss keeps the last good ones.
 * A checkpoint after each epoch; `resume` continues from one, epochs numbered on from it.
 */
export async function fitRanker(model: tf.LayersModel, xPool: Float32Array, dim: number, p: LabeledPairs, rows: { train: Int32Array; validation: Int32Array }, config: RankerConfig, hooks: RankerFitHooks = {}, resume?: NetCheckpoint): Promise<RankerFitResult> {
  if (rows.train.length === 0) throw new Error('no training pairs');
  const n = xPool.length / dim;
  const dataKey = rankerDataKey(p, n);
  // before anything is allocated, so a refusal leaks no tensors
  if (resume) assertCheckpointFits(model, rows.train.length, resume, dataKey);
  const { order, rng } = pairOrder(rows.train, config.seed, resume);
  hooks.onStage?.('upload', `${n.toLocaleString('en-US')} items × ${dim} features`);
  const x = tf.tensor2d(xPool, [n, dim]);
  const optimizer = tf.train.adam(config.learningRate);
  // Adam's slots follow the variables' order: minimize over trainableWeights, as a checkpoint restores them
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  if (resume) await restoreCheckpoint(model, optimizer, resume);
  const drops = dropoutStreamOf(model);
  if (resume && drops && resume.dropoutRngState !== undefined) drops.restore(resume.dropoutRngState);
  const keeper = new WeightKeeper(model, config.earlyStopping.restoreBestWeights);
  if (resume) keeper.importState(resume.keeper, resume.epoch);
  const batchSize = Math.min(config.batchSize, rows.train.length);
  const steps = Math.ceil(rows.train.length / batchSize);
  let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
  let message: string | undefined;
  let epochsRun = resume?.epoch ?? 0;
  let globalStep = epochsRun * steps;
  const tensorCounts: number[] = [];
  const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now: () => performance.now() });
  hooks.onStage?.('first-step');
  const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs });
  try {
    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = performance.now();
      pacer.reset();
      shuffleInPlace(order, rng);
      let sum: tf.Scalar = tf.scalar(0);
      const pending: Promise<void>[] = [];
      let bad = false;
      let seen = 0;
      for (let s = 0; s < steps; s++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          break;
        }
        const batch = order.slice(s * batchSize, (s + 1) * batchSize);
        const a = Int32Array.from(batch, (r) => p.a[r]);
        const b = Int32Array.from(batch, (r) => p.b[r]);
        const y = Float32Array.from(batch, (r) => p.y[r]);
        const cost = tf.tidy(() => optimizer.minimize(() => batchLoss(model, x, a, b, y, config.margin, config.weightDecay), true, trainable) as tf.Scalar);
        const next = tf.tidy(() => sum.add(cost.mul(batch.length)) as tf.Scalar);
        sum.dispose();
        sum = next;
        seen += batch.length;
        globalStep++;
        if (reads.step(s, batch.length)) {
          const at = { epoch, step: s + 1, globalStep, samples: reads.mark() };
          const read = cost.data().then((v) => {
            cost.dispose();
            if (!Number.isFinite(v[0])) bad = true;
            hooks.onBatch?.(reads.report(at, v[0]));
          });
          pending.push(read);
          await pacer.step(() => read);
        } else {
          await pacer.step(() => cost.data());
          cost.dispose();
        }
      }
      await Promise.all(pending);
      const trainLoss = (await sum.data())[0] / Math.max(seen, 1);
      sum.dispose();
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const scores = await scoreRows(model, xPool, dim);
      const validation = pairMetrics(scores, p.a, p.b, p.y, rows.validation, config.margin);
      if (bad || !Number.isFinite(trainLoss) || !Number.isFinite(validation.loss)) {
        reason = 'non-finite-loss';
        message = nonFiniteMessage(epoch, [trainLoss, validation.loss]);
        break;
      }
      // 1 − accuracy so that lower is better, as for a loss; the loss when no held-out pair is decisive
      const watched = config.earlyStopping.monitor === 'loss' || Number.isNaN(validation.accuracy) ? validation.loss : 1 - validation.accuracy;
      const isBest = keeper.record(epoch, watched);
      tensorCounts.push(tf.memory().numTensors);
      await hooks.onEpoch?.({ epoch, trainLoss, valLoss: validation.loss, validation, isBest, elapsedMs: performance.now() - t0, samplesPerSec: (seen / Math.max(performance.now() - t0, 1e-3)) * 1000, numTensors: tf.memory().numTensors });
      if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
      if (hooks.shouldStop?.()) reason = 'user-stopped';
      if (hooks.onCheckpoint && checkpointDue(1, epoch, config.epochs, reason === 'early-stopped', reason === 'user-stopped')) {
        await hooks.onCheckpoint(await captureCheckpoint(model, optimizer, keeper, { epoch, nTrain: rows.train.length, dataKey, rngState: rng.state(), dropoutRngState: drops?.state() }));
      }
    }
    keeper.restore(reason);
  } finally {
    keeper.dispose();
    optimizer.dispose();
    x.dispose();
  }
  return { reason, epochsRun, bestEpoch: keeper.bestEpoch, message, tensorCounts };
}
