import { mulberry32, permutation } from '../../data/rng';
import type { TaskKind } from '../../task';
import { BatchReads, nonFiniteMessage, type StopReason } from '../../models/loop-utils';
import { StepPacer } from '../../models/step-pacer';
import type { TabularConfig } from '../../models/tabular/config';
import type { TabularCheckpoint } from '../../models/tabular/checkpoint';
import type { FitArrays, FitHooks } from '../../models/tabular/train-loop';
import type { DenseNetSpec } from '../dense-net';
import type { EngineFitResult } from '../fit-dense';
import { taskLoss } from '../losses';
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
export async function fitDenseGpu(spec: DenseNetSpec, initial: Float32Array[], kind: TaskKind, data: FitArrays, config: TabularConfig, device: GPUDevice, hooks: FitHooks = {}, resume?: TabularCheckpoint): Promise<EngineFitResult> {
  const now = hooks.now ?? (() => performance.now());
  if (resume && resume.nTrain !== data.nTrain) throw new Error(`the checkpoint was taken on ${resume.nTrain} training rows, this data has ${data.nTrain}`);
  if (resume) checkFits(resume, initial);
  const batchSize = Math.min(config.batchSize, data.nTrain);
  const rows = Math.max(batchSize, Math.min(data.nVal, EVAL_ROWS));
  const size = initial.reduce((s, w) => s + w.length, 0);
  const steps = Math.ceil(data.nTrain / batchSize);

  hooks.onStage?.('upload', `${(data.nTrain + data.nVal).toLocaleString('en-US')} rows × ${data.inputDim} features`);
  const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + 100) : undefined;
  const bias = resume ? new BiasCorrection(resume.optimizer.iterations, resume.optimizer.accBeta ?? [Math.pow(0.9, resume.optimizer.iterations + 1), Math.pow(0.999, resume.optimizer.iterations + 1)]) : new BiasCorrection();
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
    const checkpointEvery = hooks.onCheckpoint ? (config.checkpointEvery ?? 0) : 0;
    let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
    let message: string | undefined;
    let epochsRun = resume?.epoch ?? 0;
    let globalStep = epochsRun * steps;
    const tensorCounts: number[] = [];
    const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now });
    const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs, now });
    const w = data.targetWidth;
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
      if (badBatch || !Number.isFinite(trainLoss) || !Number.isFinite(valLoss)) {
        reason = 'non-finite-loss';
        message = nonFiniteMessage(epoch, [trainLoss, valLoss]);
        break;
      }
      const isBest = keeper.record(epoch, valLoss, params);
      const elapsedMs = now() - t0;
      tensorCounts.push(0);
      await hooks.onEpoch?.({ epoch, trainLoss, valLoss, valLogits, numTensors: 0, elapsedMs, samplesPerSec: (data.nTrain / Math.max(elapsedMs, 1e-3)) * 1000, isBest });
      if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
      if (hooks.shouldStop?.()) reason = 'user-stopped';
      if (hooks.onCheckpoint && checkpointEvery > 0 && epoch < config.epochs && reason !== 'early-stopped' && (epoch % checkpointEvery === 0 || reason === 'user-stopped')) {
        const [m, v] = await net.read([
          { src: net.b.m, at: 0, floats: size },
          { src: net.b.v, at: 0, floats: size },
        ]);
        await hooks.onCheckpoint({
          epoch,
          nTrain: data.nTrain,
          weights: split(params, initial),
          optimizer: { iterations: bias.step, slots: [...split(m, initial), ...split(v, initial)], accBeta: bias.accBeta },
          rngState: rng.state(),
          ...(dropRng ? { dropoutRngState: dropRng.state() } : {}),
          keeper: keeper.exportState(initial),
        });
      }
    }
    // a stop inside an epoch left parameters newer than the epoch's read
    params = await loop.params();
    keeper.restore(reason, params);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts, weights: split(params, initial), kernels: 'webgpu', memoryBytes: net.memoryBytes };
  });
}

export function flat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Copies of the flat buffer cut as `like` is: separate buffers, since checkpoints and results get transferred. */
export function split(src: Float32Array, like: Float32Array[]): Float32Array[] {
  let at = 0;
  return like.map((p) => src.slice(at, (at += p.length)));
}

function checkFits(cp: TabularCheckpoint, initial: Float32Array[]): void {
  if (cp.weights.length !== initial.length || cp.weights.some((w, i) => w.length !== initial[i].length)) {
    throw new Error('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
  }
  if (cp.optimizer.slots.length !== 2 * initial.length) throw new Error('the checkpoint does not fit this model: its optimizer state is for other weights');
}
