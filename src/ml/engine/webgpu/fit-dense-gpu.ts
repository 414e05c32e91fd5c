import { mulberry32, permutation } from '../../data/rng';
import type { TaskKind } from '../../task';
import { BatchReads, type StopReason } from '../../models/loop-utils';
import { StepPacer } from '../../models/step-pacer';
import { accBetaOf, type NetCheckpoint } from '../../models/checkpoint';
import { DROPOUT_SEED_OFFSET, type DenseFitConfig, type FitArrays, type FitHooks } from '../../models/dense-fit';
import type { DenseNetSpec } from '../dense-net';
import type { EngineFitResult } from '../fit-dense';
import { taskLoss } from '../losses';
import { closeEpoch, type EpochCloser } from '../dense-epoch';
import { checkEngineCheckpoint, flat, split } from '../engine-checkpoint';
import { epochLoss, GpuLoop } from './gpu-loop';
import { BatchGather, BiasCorrection } from './step-inputs';

/** Rows a validation pass runs at once (as fit-dense.ts). */
const EVAL_ROWS = 1024;
/** Steps recorded into one command buffer at most. */
export const STEP_SLOTS = 8;

/**
 * fit-dense.ts's fitDense on a GPUDevice: the same contract (hooks, early stopping with the best
 * epoch restored, NaN guard, stop between steps, checkpoints a resume continues from), the same
 * batch order and dropout masks from the same seeds, the same Adam. The parameters, gradients and
 * Adam's moments stay on the GPU; they are read back once per epoch (with the validation logits
 * and the epoch's losses), for a checkpoint, and at the end. Losses are otherwise read only at the
 * BatchReads read points.
 */
export async function fitDenseGpu(spec: DenseNetSpec, initial: Float32Array[], kind: TaskKind, data: FitArrays, config: DenseFitConfig, device: GPUDevice, hooks: FitHooks = {}, resume?: NetCheckpoint): Promise<EngineFitResult> {
  const now = hooks.now ?? (() => performance.now());
  if (resume) checkEngineCheckpoint(resume, initial, data.nTrain);
  const batchSize = Math.min(config.batchSize, data.nTrain);
  const rows = Math.max(batchSize, Math.min(data.nVal, EVAL_ROWS));
  const steps = Math.ceil(data.nTrain / batchSize);

  hooks.onStage?.('upload', `${(data.nTrain + data.nVal).toLocaleString('en-US')} rows × ${data.inputDim} features`);
  const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + DROPOUT_SEED_OFFSET) : undefined;
  const bias = resume ? new BiasCorrection(resume.optimizer.iterations, accBetaOf(resume.optimizer)) : new BiasCorrection();
  const options = { batchRows: batchSize, evalRows: rows, slots: STEP_SLOTS, lossEntries: steps, learningRate: config.learningRate };
  return GpuLoop.run(device, spec, options, { restoreBest: config.earlyStopping.restoreBestWeights, dropRng, bias }, async (loop) => {
    const { net, keeper } = loop;
    let params: Float32Array = resume ? flat(resume.weights) : flat(initial);
    net.writeParams(params);
    if (resume) net.writeMoments(flat(resume.optimizer.slots.slice(0, initial.length)), flat(resume.optimizer.slots.slice(initial.length)));
    keeper.start(params);
    if (resume) keeper.importState(resume.keeper, params, resume.epoch);

    const rng = mulberry32(resume ? resume.rngState : config.seed);
    const batch = new BatchGather(data, batchSize);
    let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
    let message: string | undefined;
    let epochsRun = resume?.epoch ?? 0;
    let globalStep = epochsRun * steps;
    const tensorCounts: number[] = [];
    const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now });
    const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs, now });
    const w = data.targetWidth;
    // the GPU keeps Adam's moments: they are read back only when a checkpoint is due
    const closer: EpochCloser = { hooks, config, keeper, initial, rng, dropRng, adam: () => loop.adam() };
    hooks.onStage?.('first-step');

    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = now();
      pacer.reset();
      const perm = permutation(data.nTrain, rng);
      const sizes: number[] = [];
      for (let step = 0; step < steps; step++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          break;
        }
        const start = step * batchSize;
        const n = Math.min(batchSize, data.nTrain - start);
        batch.gather(perm, start, n);
        loop.step(batch.x, batch.t, n, step);
        sizes.push(n);
        globalStep++;
        if (reads.step(step, n)) {
          const at = { epoch, step: step + 1, globalStep, samples: reads.mark() };
          hooks.onBatch?.(reads.report(at, await loop.loss(step)));
        }
        await pacer.step(loop.sync);
      }
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const valLogits = new Float32Array(data.nVal * spec.outputDim);
      let valLossSum = 0;
      // one map brings back the first chunk's logits, the epoch's losses and the parameters
      const read = await loop.forwardChunks(data.xVal, data.nVal, rows, steps, (logits, s, n) => {
        valLogits.set(logits, s * spec.outputDim);
        // TF.js takes the mean over the whole split; chunk means are weighted back by their size
        if (n > 0) valLossSum += taskLoss(kind, logits, data.yVal.subarray(s * w, (s + n) * w), n, w) * n;
      });
      params = read.params;
      const { mean: trainLoss, bad: badBatch } = epochLoss(read.losses, sizes);
      const valLoss = data.nVal > 0 ? valLossSum / data.nVal : NaN;
      ({ reason, message } = await closeEpoch({ epoch, trainLoss, valLoss, badBatch, valLogits, params, elapsedMs: now() - t0, nTrain: data.nTrain }, closer));
      if (reason !== 'non-finite-loss') tensorCounts.push(0);
    }
    // a stop inside an epoch left parameters newer than the epoch's read
    params = await loop.params();
    keeper.restore(reason, params);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts, weights: split(params, initial), kernels: 'webgpu', memoryBytes: net.memoryBytes };
  });
}

