import { mulberry32, shuffleInPlace } from '../data/rng';
import type { NetCheckpoint } from '../models/checkpoint';
import { BatchReads, type StopReason } from '../models/loop-utils';
import { StepPacer } from '../models/step-pacer';
import type { RankerConfig } from '../models/ranker/config';
import { pairOrder, rankerDataKey, type RankerFitHooks, type RankerFitResult } from '../models/ranker/fit-ranker';
import type { LabeledPairs } from '../models/ranker/pair-split';
import { Adam } from './adam';
import { adamOf, checkEngineCheckpoint, engineCheckpoint, setFlat, split } from './engine-checkpoint';
import { DenseNet, type DenseNetSpec } from './dense-net';
import type { KernelFactory } from './fit-dense';
import { FlatKeeper } from './flat-keeper';
import type { Kernels } from './kernels';
import { pairMarginLossAndGrad } from './losses';
import { endRankerEpoch, gatherPairs } from './ranker-epoch';
import { onOneMemory, type Workspace } from './workspace';

/** Items scored at once when the pool is scored for validation. */
const SCORE_ROWS = 1024;

/**
 * The ranker's fit on Kiln's engine, with models/ranker/fit-ranker.ts's contract: the scorer is
 * a DenseNet (ReLU hidden layers, one linear score), both items of each pair go through it in one
 * forward of 2n rows, the margin-ranking + tie loss and weight decay are differentiated by hand,
 * the pool is scored once per epoch for the pair metrics, and early stopping watches the same
 * figure, a checkpoint after each epoch that `resume` continues from. Starts from `initial` (the
 * TF.js scorer's weights) and returns the trained ones.
 */
export async function fitRankerOnEngine(
  spec: DenseNetSpec,
  initial: Float32Array[],
  xPool: Float32Array,
  dim: number,
  p: LabeledPairs,
  rows: { train: Int32Array; validation: Int32Array },
  config: RankerConfig,
  makeKernels: KernelFactory,
  hooks: RankerFitHooks = {},
  resume?: NetCheckpoint,
): Promise<RankerFitResult & { weights: Float32Array[]; kernels: string }> {
  if (rows.train.length === 0) throw new Error('no training pairs');
  const nPool = xPool.length / dim;
  const dataKey = rankerDataKey(p, nPool);
  if (resume) checkEngineCheckpoint(resume, initial, rows.train.length, dataKey);
  const batchSize = Math.min(config.batchSize, rows.train.length);
  const netRows = Math.max(2 * batchSize, Math.min(nPool, SCORE_ROWS));
  const size = initial.reduce((s, w) => s + w.length, 0);
  hooks.onStage?.('upload', `${nPool.toLocaleString('en-US')} items × ${dim} features`);
  const plan = (ws: Workspace, k: Kernels) => ({
    params: ws.alloc(size),
    grad: ws.alloc(size),
    keeper: new FlatKeeper(ws, size, config.earlyStopping.restoreBestWeights),
    y: ws.alloc(batchSize),
    net: new DenseNet(spec, k, netRows, ws),
    adam: new Adam(k, size, ws, { learningRate: config.learningRate }),
  });
  return onOneMemory(plan, makeKernels, train);

  async function train({ params, grad, keeper, y, net, adam }: ReturnType<typeof plan>, k: Kernels): Promise<RankerFitResult & { weights: Float32Array[]; kernels: string }> {
    setFlat(params, resume ? resume.weights : initial);
    if (resume) adam.importState(adamOf(resume, initial.length));
    keeper.start(params);
    if (resume) keeper.importState(resume.keeper, params, resume.epoch);

    const { order, rng } = pairOrder(rows.train, config.seed, resume);
    const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + 100) : undefined;
    const steps = Math.ceil(rows.train.length / batchSize);
    const scores = new Float32Array(nPool);
    let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
    let message: string | undefined;
    let epochsRun = resume?.epoch ?? 0;
    let globalStep = epochsRun * steps;
    const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now: () => performance.now() });
    const checkpoint = (epoch: number) => () => engineCheckpoint({ epoch, nTrain: rows.train.length, dataKey, params, initial, adam: adam.exportState(), rng, dropRng, keeper });
    const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs });
    const noSync = () => Promise.resolve();
    hooks.onStage?.('first-step');

    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = performance.now();
      pacer.reset();
      // the TF.js loop's shuffle of the same array from the same seed: the same batches
      shuffleInPlace(order, rng);
      let sum = 0;
      let seen = 0;
      let bad = false;
      for (let s = 0; s < steps; s++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          break;
        }
        const n = Math.min(batchSize, order.length - s * batchSize);
        gatherPairs(xPool, dim, p, order, s * batchSize, n, net.input, y);
        net.forward(params, 2 * n, dropRng);
        const loss = net.backwardWith(params, grad, 2 * n, (z, dz) => pairMarginLossAndGrad(z, y, n, config.margin, dz));
        adam.step(params, grad);
        if (!Number.isFinite(loss)) bad = true;
        sum += loss * n;
        seen += n;
        globalStep++;
        if (reads.step(s, n)) hooks.onBatch?.(reads.report({ epoch, step: s + 1, globalStep, samples: reads.mark() }, loss));
        await pacer.step(noSync);
      }
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const trainLoss = sum / Math.max(seen, 1);
      for (let s = 0; s < nPool; s += netRows) {
        const n = Math.min(netRows, nPool - s);
        net.input.set(xPool.subarray(s * dim, (s + n) * dim));
        scores.set(net.forward(params, n), s);
      }
      ({ reason, message } = await endRankerEpoch({ epoch, t0, trainLoss, bad, seen, scores, params, checkpoint: checkpoint(epoch) }, p, rows.validation, config, keeper, hooks));
    }
    keeper.restore(reason, params);
    const weights = split(params, initial);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, message, tensorCounts: [], weights, kernels: k.name };
  }
}
