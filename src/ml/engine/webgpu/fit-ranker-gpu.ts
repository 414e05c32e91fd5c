import { mulberry32, shuffleInPlace } from '../../data/rng';
import { accBetaOf, type NetCheckpoint } from '../../models/checkpoint';
import { BatchReads, type StopReason } from '../../models/loop-utils';
import { StepPacer } from '../../models/step-pacer';
import type { RankerConfig } from '../../models/ranker/config';
import { pairOrder, rankerDataKey, type RankerFitHooks, type RankerFitResult } from '../../models/ranker/fit-ranker';
import type { LabeledPairs } from '../../models/ranker/pair-split';
import type { DenseNetSpec } from '../dense-net';
import { endRankerEpoch, gatherPairs } from '../ranker-epoch';
import { STEP_SLOTS } from './fit-dense-gpu';
import { checkEngineCheckpoint, engineCheckpoint, flat, split } from '../engine-checkpoint';
import { BiasCorrection } from './step-inputs';
import { epochLoss, GpuLoop } from './gpu-loop';

/** Items scored at once when the pool is scored for validation (as fit-ranker-engine.ts). */
const SCORE_ROWS = 1024;

/**
 * fit-ranker-engine.ts's fitRankerOnEngine on a GPUDevice: the same contract and return (kernels
 * 'webgpu'), the same batches (the shuffle of the same array from the same seed), the same dropout
 * masks (drawn on the host in DenseNet.forward's order from seed + 100), the same margin-ranking +
 * tie loss with weight decay (GpuNetOptions.pairMargin) and Adam. Parameters, gradients and moments
 * stay on the GPU; once per epoch the pool is scored on the GPU in chunks and read back with the
 * epoch's losses and the parameters, and the pair metrics are computed on the host as the CPU
 * engine computes them. Checkpoints and resume as the CPU engine's, Adam's moments read back from
 * the GPU only for a checkpoint.
 */
export async function fitRankerGpu(
  spec: DenseNetSpec,
  initial: Float32Array[],
  xPool: Float32Array,
  dim: number,
  p: LabeledPairs,
  rows: { train: Int32Array; validation: Int32Array },
  config: RankerConfig,
  device: GPUDevice,
  hooks: RankerFitHooks = {},
  resume?: NetCheckpoint,
): Promise<RankerFitResult & { weights: Float32Array[]; kernels: string }> {
  if (rows.train.length === 0) throw new Error('no training pairs');
  const nPool = xPool.length / dim;
  const dataKey = rankerDataKey(p, nPool);
  if (resume) checkEngineCheckpoint(resume, initial, rows.train.length, dataKey);
  const batchSize = Math.min(config.batchSize, rows.train.length);
  const evalRows = Math.max(1, Math.min(nPool, SCORE_ROWS));
  const steps = Math.ceil(rows.train.length / batchSize);
  hooks.onStage?.('upload', `${nPool.toLocaleString('en-US')} items × ${dim} features`);
  const options = { batchRows: 2 * batchSize, evalRows, slots: STEP_SLOTS, lossEntries: steps, learningRate: config.learningRate, pairMargin: config.margin };
  const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + 100) : undefined;
  const bias = resume ? new BiasCorrection(resume.optimizer.iterations, accBetaOf(resume.optimizer)) : new BiasCorrection();
  return GpuLoop.run(device, spec, options, { restoreBest: config.earlyStopping.restoreBestWeights, dropRng, bias }, async (loop) => {
    const { keeper } = loop;
    let params = flat(resume ? resume.weights : initial);
    loop.net.writeParams(params);
    if (resume) loop.net.writeMoments(flat(resume.optimizer.slots.slice(0, initial.length)), flat(resume.optimizer.slots.slice(initial.length)));
    keeper.start(params);
    if (resume) keeper.importState(resume.keeper, params, resume.epoch);

    const { order, rng } = pairOrder(rows.train, config.seed, resume);
    const x = new Float32Array(2 * batchSize * dim);
    // the step slot holds a target per score row (2n); the loss reads the n labels in front
    const labels = new Float32Array(2 * batchSize);
    const scores = new Float32Array(nPool);
    let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
    let message: string | undefined;
    let epochsRun = resume?.epoch ?? 0;
    let globalStep = epochsRun * steps;
    const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now: () => performance.now() });
    const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs });
    hooks.onStage?.('first-step');

    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = performance.now();
      pacer.reset();
      // the TF.js loop's shuffle of the same array from the same seed: the same batches
      shuffleInPlace(order, rng);
      const sizes: number[] = [];
      for (let s = 0; s < steps; s++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          break;
        }
        const n = Math.min(batchSize, order.length - s * batchSize);
        gatherPairs(xPool, dim, p, order, s * batchSize, n, x, labels);
        loop.step(x, labels, 2 * n, s);
        sizes.push(n);
        globalStep++;
        if (reads.step(s, n)) {
          const at = { epoch, step: s + 1, globalStep, samples: reads.mark() };
          hooks.onBatch?.(reads.report(at, await loop.loss(s)));
        }
        await pacer.step(loop.sync);
      }
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const read = await loop.forwardChunks(xPool, nPool, evalRows, steps, (out, s) => scores.set(out, s));
      params = read.params;
      const { mean: trainLoss, bad } = epochLoss(read.losses, sizes);
      const seen = sizes.reduce((a, n) => a + n, 0);
      ({ reason, message } = await endRankerEpoch({ epoch, t0, trainLoss, bad, seen, scores, params, checkpoint: async () => engineCheckpoint({ epoch, nTrain: rows.train.length, dataKey, params, initial, adam: await loop.adam(), rng, dropRng, keeper }) }, p, rows.validation, config, keeper, hooks));
    }
    // a stop inside an epoch left parameters newer than the epoch's read
    params = await loop.params();
    keeper.restore(reason, params);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, message, tensorCounts: [], weights: split(params, initial), kernels: 'webgpu' };
  });
}
