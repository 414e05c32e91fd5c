import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../data/rng';
import { checkpointDue, fingerprint, type NetCheckpoint } from '../checkpoint';
import { assertCheckpointFits, captureCheckpoint, restoreCheckpoint } from '../tf-checkpoint';
import { dropoutStreamOf } from '../step-dropout';
import { BatchReads, nonFiniteMessage, WeightKeeper, type BatchReport, type StageHook, type StopReason } from '../loop-utils';
import { StepPacer } from '../step-pacer';
import type { FitResult } from '../dense-fit';
import { batchIds, batchTargets, headLosses } from './batch-tensors';
import { bucketedEpoch } from './batches';
import type { SequenceModelConfig } from './config';
import type { SequenceExamples } from './examples';
import type { HeadLosses } from './evaluate';
import { predictSequences, type SequenceOutputs } from './predict';

export type SequenceBatchReport = BatchReport;

export interface SequenceEpochReport {
  epoch: number;
  train: HeadLosses;
  elapsedMs: number;
  samplesPerSec: number;
  numTensors: number;
}

export interface SequenceFitHooks {
  onBatch?: (r: SequenceBatchReport) => void;
  /**
   * Returns the validation loss of the current weights (early stopping watches it); `predict`
   * scores rows with them on whichever engine is training.
   */
  validate: (epoch: number, predict: (rows: Int32Array) => Promise<SequenceOutputs>) => Promise<number>;
  onEpoch?: (r: SequenceEpochReport & { valLoss: number; isBest: boolean }) => void | Promise<void>;
  shouldStop?: () => boolean;
  now?: () => number;
  /** the first step begins (its kernels compile) */
  onStage?: StageHook;
  /** the pacer's interval (StepPacer): how long a stop request can wait for the loop */
  pauseEveryMs?: number;
  /**
   * Called after each finished epoch but the last (and not after an early stop) with a state
   * the same fit continues from (`resume`), on the same engine and backend, bit for bit.
   */
  onCheckpoint?: (cp: NetCheckpoint) => void | Promise<void>;
}

/** The training examples' fingerprint: a checkpoint from other histories with as many examples is refused. */
export function sequenceDataKey(ex: SequenceExamples, trainRows: Int32Array): string {
  return fingerprint([trainRows, ex.lengths, ex.nextTitle, ex.ids]);
}

/** The dense fit's result (dense-fit.ts), and which epoch's weights the model kept. */
export interface SequenceFitResult extends FitResult {
  /**
   * The epoch whose end-of-epoch weights the model holds after the fit (its validation outputs
   * describe the kept model exactly), or null when it holds the part of an epoch a stop cut short
   * or no epoch finished.
   */
  keptEpoch: number | null;
}

/**
 * Kiln's loop for the sequence family: length-bucketed batches (each runs only its longest
 * prefix's steps), per-head losses summed on the device and read once per epoch, a batch loss
 * read a few times per epoch, early stopping on the weighted validation loss with the best
 * weights restored, a NaN guard that keeps the last good weights, and a checkpoint after each
 * epoch that `resume` continues from (epochs numbered on from it).
 */
export async function fitSequence(model: tf.LayersModel, ex: SequenceExamples, trainRows: Int32Array, spec: { vocabSize: number; tenureMean: number; tenureStd: number }, config: SequenceModelConfig, hooks: SequenceFitHooks, resume?: NetCheckpoint): Promise<SequenceFitResult> {
  // before anything is allocated, so a refusal leaks no tensors
  if (trainRows.length === 0) throw new Error('no training examples: every entity falls after the validation cut, or no history is longer than the minimum prefix');
  const dataKey = sequenceDataKey(ex, trainRows);
  if (resume) assertCheckpointFits(model, trainRows.length, resume, dataKey);
  const now = hooks.now ?? (() => performance.now());
  // mulberry32's state is its seed: the resumed generator draws the batches the first run would have drawn next
  const rng = mulberry32(resume ? resume.rngState : config.seed);
  const optimizer = tf.train.adam(config.learningRate);
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batchSize = Math.min(config.batchSize, trainRows.length);
  const weights = tf.tensor1d([1, config.lossWeights.tenure, config.lossWeights.hire]);
  if (resume) await restoreCheckpoint(model, optimizer, resume);
  const drops = dropoutStreamOf(model);
  if (resume && drops && resume.dropoutRngState !== undefined) drops.restore(resume.dropoutRngState);
  const keeper = new WeightKeeper(model, config.earlyStopping.restoreBestWeights);
  if (resume) keeper.importState(resume.keeper, resume.epoch);
  let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
  let message: string | undefined;
  let epochsRun = resume?.epoch ?? 0;
  let midEpoch = false;
  const tensorCounts: number[] = [];
  const stepsPerEpoch = Math.ceil(trainRows.length / batchSize);
  let globalStep = epochsRun * stepsPerEpoch;
  const reads = new BatchReads({ stepsPerEpoch, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * stepsPerEpoch, startGlobalStep: globalStep, now });
  hooks.onStage?.('first-step');
  let keptEpoch: number | null;
  const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs, now });

  try {
    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = now();
      pacer.reset();
      const { order, batches } = bucketedEpoch(trainRows, ex.lengths, batchSize, rng);
      let sums: tf.Tensor1D = tf.zeros([3]);
      const pending: Promise<void>[] = [];
      let badBatch = false;
      let seen = 0;
      for (let s = 0; s < batches.length; s++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          midEpoch = s > 0;
          break;
        }
        const b = batches[s];
        const tg = batchTargets(ex, order, b, spec.tenureMean, spec.tenureStd);
        let parts: tf.Tensor1D | null = null;
        const cost = tf.tidy(() => {
          const ids = tf.tensor2d(batchIds(ex, order, b), [b.size, b.steps], 'int32');
          const t = { title: tf.tensor1d(tg.title, 'int32'), tenure: tf.tensor1d(tg.tenure), tenureMask: tf.tensor1d(tg.tenureMask), hire: tf.tensor1d(tg.hire) };
          return optimizer.minimize(
            () => {
              const outs = model.apply(ids, { training: true }) as tf.Tensor[];
              const p = tf.stack(headLosses(outs, t, spec.vocabSize)) as tf.Tensor1D;
              parts = tf.keep(p);
              return tf.sum(tf.mul(p, weights)) as tf.Scalar;
            },
            true,
            trainable,
          ) as tf.Scalar;
        });
        const next = tf.tidy(() => sums.add(parts!.mul(b.size)) as tf.Tensor1D);
        (parts as tf.Tensor1D | null)?.dispose();
        sums.dispose();
        sums = next;
        seen += b.size;
        globalStep++;
        if (reads.step(s, b.size, batches.length)) {
          const at = { epoch, step: s + 1, globalStep, samples: reads.mark() };
          const read = cost.data().then((v) => {
            cost.dispose();
            if (!Number.isFinite(v[0])) badBatch = true;
            hooks.onBatch?.(reads.report(at, v[0], batches.length));
          });
          pending.push(read);
          await pacer.step(() => read);
        } else {
          await pacer.step(() => cost.data());
          cost.dispose();
        }
      }
      await Promise.all(pending);
      const sumArr = await sums.data();
      sums.dispose();
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const title = sumArr[0] / seen;
      const tenure = sumArr[1] / seen;
      const hire = sumArr[2] / seen;
      const train: HeadLosses = { title, tenure, hire, total: title + config.lossWeights.tenure * tenure + config.lossWeights.hire * hire };
      const valLoss = await hooks.validate(epoch, (rows) => predictSequences(model, ex, rows, spec.vocabSize, spec.tenureMean, spec.tenureStd));
      if (badBatch || !Number.isFinite(train.total) || !Number.isFinite(valLoss)) {
        reason = 'non-finite-loss';
        message = nonFiniteMessage(epoch, [train.total, valLoss]);
        break;
      }
      const isBest = keeper.record(epoch, valLoss);
      const elapsedMs = now() - t0;
      tensorCounts.push(tf.memory().numTensors);
      await hooks.onEpoch?.({ epoch, train, valLoss, isBest, elapsedMs, samplesPerSec: (seen / Math.max(elapsedMs, 1e-3)) * 1000, numTensors: tf.memory().numTensors });
      if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
      if (hooks.shouldStop?.()) reason = 'user-stopped';
      if (hooks.onCheckpoint && checkpointDue(1, epoch, config.epochs, reason === 'early-stopped', reason === 'user-stopped')) {
        await hooks.onCheckpoint(await captureCheckpoint(model, optimizer, keeper, { epoch, nTrain: trainRows.length, dataKey, rngState: rng.state(), dropoutRngState: drops?.state() }));
      }
    }
    const restored = keeper.restore(reason);
    keptEpoch = restored ?? (midEpoch || epochsRun === 0 ? null : epochsRun);
  } finally {
    keeper.dispose();
    weights.dispose();
    optimizer.dispose();
  }
  return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts, keptEpoch };
}
