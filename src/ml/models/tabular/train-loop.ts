import * as tf from '@tensorflow/tfjs';
import { mulberry32, permutation } from '../../data/rng';
import { dropoutStreamOf } from '../step-dropout';
import type { TaskKind } from '../../task';
import type { TabularConfig } from './config';
import { BatchReads, kernels, nonFiniteMessage, WeightKeeper, type StopReason } from '../loop-utils';
import { StepPacer } from '../step-pacer';
import type { FitArrays, FitHooks, FitResult } from '../dense-fit';
import { taskLoss } from './losses';
import { checkpointDue, type NetCheckpoint } from '../checkpoint';
import { assertCheckpointFits, captureCheckpoint, restoreCheckpoint } from '../tf-checkpoint';

/** (the dense fit's contract, kept importable from here for this folder's users) */
export type { BatchReport } from '../loop-utils';
export type { EpochReport, FitArrays, FitHooks, FitResult } from '../dense-fit';
export type { StopReason };

/** Logits for many rows in bounded chunks, so a large validation set never needs one huge activation. */
export function predictLogits(model: tf.LayersModel, x: tf.Tensor2D, chunk = 4096): tf.Tensor2D {
  return tf.tidy(() => {
    const n = x.shape[0];
    if (n <= chunk) return model.predict(x) as tf.Tensor2D;
    const parts: tf.Tensor2D[] = [];
    for (let s = 0; s < n; s += chunk) parts.push(model.predict(x.slice([s, 0], [Math.min(chunk, n - s), -1])) as tf.Tensor2D);
    return tf.concat(parts, 0);
  });
}

/**
 * Kiln's training loop. Unlike model.fit it never reads the loss back on every batch: the
 * per-batch costs stay on the device and are summed there; the host reads a batch loss only
 * `readsPerEpoch` times per epoch (asynchronously) and the epoch sums once. Data lives on the
 * device for the whole run; each epoch uploads only a permutation of row indices.
 */
export async function fitTabular(model: tf.LayersModel, kind: TaskKind, data: FitArrays, config: TabularConfig, hooks: FitHooks = {}, resume?: NetCheckpoint): Promise<FitResult> {
  const now = hooks.now ?? (() => performance.now());
  if (resume) assertCheckpointFits(model, data.nTrain, resume);
  // mulberry32's state is its seed: the resumed generator draws the permutations the first run would have drawn next
  const rng = mulberry32(resume ? resume.rngState : config.seed);
  hooks.onStage?.('upload', `${(data.nTrain + data.nVal).toLocaleString('en-US')} rows × ${data.inputDim} features`);
  const x = tf.tensor2d(data.xTrain, [data.nTrain, data.inputDim]);
  const y = tf.tensor2d(data.yTrain, [data.nTrain, data.targetWidth]);
  const xVal = tf.tensor2d(data.xVal, [data.nVal, data.inputDim]);
  const yVal = tf.tensor2d(data.yVal, [data.nVal, data.targetWidth]);
  const optimizer = tf.train.adam(config.learningRate);
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batchSize = Math.min(config.batchSize, data.nTrain);
  const steps = Math.ceil(data.nTrain / batchSize);

  if (resume) await restoreCheckpoint(model, optimizer, resume);
  // the dropout layers' shared stream continues where the checkpointed run left it (older checkpoints: from its seed)
  const drops = dropoutStreamOf(model);
  if (resume && drops && resume.dropoutRngState !== undefined) drops.restore(resume.dropoutRngState);
  const keeper = new WeightKeeper(model, config.earlyStopping.restoreBestWeights);
  if (resume) keeper.importState(resume.keeper, resume.epoch);
  const checkpointEvery = hooks.onCheckpoint ? (config.checkpointEvery ?? 0) : 0;
  // a checkpoint is never taken after an early stop, but one whose patience has run out (config edited) must not train on
  let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
  let message: string | undefined;
  let epochsRun = resume?.epoch ?? 0;
  let globalStep = epochsRun * steps;
  const tensorCounts: number[] = [];
  const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now });
  hooks.onStage?.('first-step');
  const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs, now });
  const lossFn = (xb: tf.Tensor2D, yb: tf.Tensor2D): tf.Scalar => {
    const logits = model.apply(xb, { training: true }) as tf.Tensor2D;
    let loss = taskLoss(kind, logits, yb);
    if (config.l2 > 0) for (const k of kernels(model)) loss = loss.add(tf.sum(tf.square(k)).mul(config.l2));
    return loss;
  };

  try {
    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = now();
      pacer.reset();
      const perm = tf.tensor1d(permutation(data.nTrain, rng), 'int32');
      let lossSum: tf.Scalar = tf.scalar(0);
      const pendingReads: Promise<void>[] = [];
      let badBatch = false;
      for (let step = 0; step < steps; step++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          break;
        }
        const start = step * batchSize;
        const size = Math.min(batchSize, data.nTrain - start);
        const cost = tf.tidy(() => {
          const idx = perm.slice(start, size);
          const xb = tf.gather(x, idx);
          const yb = tf.gather(y, idx);
          return optimizer.minimize(() => lossFn(xb, yb), true, trainable) as tf.Scalar;
        });
        const nextSum = tf.tidy(() => lossSum.add(cost.mul(size)) as tf.Scalar);
        lossSum.dispose();
        lossSum = nextSum;
        globalStep++;
        if (reads.step(step, size)) {
          const at = { epoch, step: step + 1, globalStep, samples: reads.mark() };
          const read = cost.data().then((v) => {
            cost.dispose();
            if (!Number.isFinite(v[0])) badBatch = true;
            hooks.onBatch?.(reads.report(at, v[0]));
          });
          pendingReads.push(read);
          await pacer.step(() => read);
        } else {
          await pacer.step(() => cost.data());
          cost.dispose();
        }
      }
      await Promise.all(pendingReads);
      perm.dispose();
      const trainLoss = (await lossSum.data())[0] / data.nTrain;
      lossSum.dispose();
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const valLogitsT = predictLogits(model, xVal);
      const valLossT = tf.tidy(() => taskLoss(kind, valLogitsT, yVal));
      const [valLogits, valLossArr] = await Promise.all([valLogitsT.data() as Promise<Float32Array>, valLossT.data()]);
      valLogitsT.dispose();
      valLossT.dispose();
      const valLoss = valLossArr[0];
      if (badBatch || !Number.isFinite(trainLoss) || !Number.isFinite(valLoss)) {
        reason = 'non-finite-loss';
        message = nonFiniteMessage(epoch, [trainLoss, valLoss]);
        break;
      }
      const isBest = keeper.record(epoch, valLoss);
      const elapsedMs = now() - t0;
      tensorCounts.push(tf.memory().numTensors);
      await hooks.onEpoch?.({
        epoch,
        trainLoss,
        valLoss,
        valLogits,
        numTensors: tf.memory().numTensors,
        elapsedMs,
        samplesPerSec: (data.nTrain / Math.max(elapsedMs, 1e-3)) * 1000,
        isBest,
      });
      if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
      if (hooks.shouldStop?.()) reason = 'user-stopped';
      if (hooks.onCheckpoint && checkpointDue(checkpointEvery, epoch, config.epochs, reason === 'early-stopped', reason === 'user-stopped')) {
        await hooks.onCheckpoint(await captureCheckpoint(model, optimizer, keeper, { epoch, nTrain: data.nTrain, rngState: rng.state(), dropoutRngState: drops?.state() }));
      }
    }
    keeper.restore(reason);
  } finally {
    keeper.dispose();
    x.dispose();
    y.dispose();
    xVal.dispose();
    yVal.dispose();
    optimizer.dispose();
  }
  return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts };
}
