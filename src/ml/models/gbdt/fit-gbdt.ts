import { mulberry32, permutation } from '../../data/rng';
import type { TaskKind } from '../../task';
import type { StopReason } from '../loop-utils';
import { StepPacer } from '../step-pacer';
import { applyBins, fitBins } from './binning';
import { assertGbdtCheckpointFits, gbdtFitSignature, type GbdtCheckpoint, type GbdtCheckpointOffer, type GbdtFitSignature, type GbdtRoundReport } from './checkpoint';
import type { GbdtConfig } from './config';
import { categoryBins, monotoneDirections } from './constraints';
import { growTree } from './grow';
import { LocalHistEngine, type HistEngine, type HistEngineInput, type ThreadsMeet } from './hist-engine';
import type { GbdtModel } from './model';
import { makeObjective } from './objectives';
import { treeValueBinned, type Tree } from './tree';

export interface GbdtData {
  /** row-major float32 features, NaN = missing */
  x: Float32Array;
  featureNames: string[];
  /** targets per row: class index or value */
  y: Float64Array;
  trainRows: Int32Array;
  /** rows for early stopping and the validation curve (optional) */
  validationRows?: Int32Array;
  /** indices of features that are categorical columns (codes 0..K−1, see category-codes.ts) */
  categorical?: number[];
}

export type { GbdtRoundReport };

export interface GbdtFitHooks {
  onRound?(r: GbdtRoundReport): void | Promise<void>;
  /**
   * After each round that has validation rows: `predict` gives the ensemble's predictions on them
   * so far (as `fromRaw`), computed only when called, so a search can score each round without
   * slowing plain runs down. A throw here ends the fit.
   */
  onValidation?(round: number, predict: () => Float64Array): void | Promise<void>;
  shouldStop?(): boolean;
  /**
   * After each whole round that does not end the fit, and once more (`final`) when a stop request
   * ends it: the caller takes a checkpoint when it wants one. Not offered after the last round or
   * an early stop (nothing would be left to resume).
   */
  onCheckpoint?(offer: GbdtCheckpointOffer): void | Promise<void>;
}

/**
 * Where histograms are built and splits searched: a pool of threads (./threads/) hands out an
 * engine per fit; without one, everything runs on the calling thread.
 */
export interface GbdtThreads {
  engine(input: HistEngineInput): Promise<HistEngine>;
}

/** the loop's stop reasons less a NaN loss: boosting throws on a non-finite loss instead */
export type GbdtStopReason = Exclude<StopReason, 'non-finite-loss'>;

export interface GbdtFitResult {
  model: GbdtModel;
  history: GbdtRoundReport[];
  reason: GbdtStopReason;
  /** rounds kept (the best validation round when early stopping ran) */
  bestRound: number;
  durationMs: number;
  /** threads that built the histograms (1: this thread alone) */
  threads: number;
  /** with more than one: how they met */
  threadsMeet?: ThreadsMeet;
}

const pick = (v: Float64Array, rows: Int32Array) => Float64Array.from(rows, (r) => v[r]);

/** trees are grown on the host: a pause has nothing to wait for but the event loop */
const onHost = () => Promise.resolve();

/**
 * Gradient boosting on histograms. Everything random (row and column draws) comes from one seeded
 * generator, so a seed gives the same trees on every machine.
 */
export async function fitGbdt(data: GbdtData, kind: TaskKind, classes: number, cfg: GbdtConfig, hooks: GbdtFitHooks = {}, resume?: GbdtCheckpoint, threads?: GbdtThreads): Promise<GbdtFitResult> {
  let t0 = Date.now();
  const cols = data.featureNames.length;
  if (cols === 0) throw new Error('choose at least one feature column');
  if (data.x.length !== data.y.length * cols) throw new Error(`feature matrix has ${data.x.length} values, expected ${data.y.length} rows × ${cols} features`);
  const nTrain = data.trainRows.length;
  if (nTrain < 2) throw new Error(`only ${nTrain} training rows`);
  const ordinal = kind === 'ordinal' ? { thresholds: new Float64Array(classes - 1) } : undefined;
  const obj = makeObjective(kind, classes, ordinal);
  const O = obj.outputs;
  const catFeatures = data.categorical ?? [];
  const monotone = monotoneDirections(cfg, kind, data.featureNames, catFeatures);
  const bins = fitBins(data.x, cols, data.trainRows, cfg.maxBins);
  const categorical = cfg.categoricalSplits !== false && catFeatures.length > 0 ? new Uint8Array(cols) : null;
  if (categorical)
    for (const f of catFeatures) {
      const b = categoryBins(data.x, cols, f, data.trainRows);
      if (!b) continue;
      categorical[f] = 1;
      bins[f] = b;
    }
  const mTrain = applyBins(data.x, cols, data.trainRows, bins);
  const val = data.validationRows && data.validationRows.length > 0 ? data.validationRows : null;
  const mVal = val ? applyBins(data.x, cols, val, bins) : null;
  const yTrain = pick(data.y, data.trainRows);
  const yVal = val ? pick(data.y, val) : null;
  const base = obj.init(yTrain);
  const sTrain = new Float64Array(nTrain * O);
  const sVal = new Float64Array((val?.length ?? 0) * O);
  for (let i = 0; i < sTrain.length; i++) sTrain[i] = base[i % O];
  for (let i = 0; i < sVal.length; i++) sVal[i] = base[i % O];
  // only a checkpoint or a resume pays for the data hash (a search's trials have neither)
  const sig: GbdtFitSignature | null = hooks.onCheckpoint || resume ? gbdtFitSignature(kind, classes, data.featureNames, cfg, bins, mTrain, yTrain, mVal, yVal) : null;
  if (resume && sig) assertGbdtCheckpointFits(resume, sig);
  let rng = mulberry32(cfg.seed);
  const split = { cfg, bins, monotone, categorical };
  const engine: HistEngine = threads ? await threads.engine({ m: mTrain, split }) : new LocalHistEngine({ m: mTrain, split });
  try {
    return await boost();
  } finally {
    await engine.close();
  }
  async function boost(): Promise<GbdtFitResult> {
  const grad = new Float64Array(nTrain);
  const hess = new Float64Array(nTrain);
  const sK = new Float64Array(nTrain);
  const sKs = O > 1 ? Array.from({ length: O }, () => new Float64Array(nTrain)) : [];
  const trees: Tree[] = [];
  const history: GbdtRoundReport[] = [];
  let best = { loss: Infinity, round: 0, thresholds: ordinal ? Array.from(ordinal.thresholds) : undefined };
  let reason: GbdtStopReason = 'completed';
  let first = 1;
  if (resume) {
    trees.push(...resume.trees);
    history.push(...resume.history.map((h) => ({ ...h })));
    sTrain.set(resume.trainScores);
    sVal.set(resume.validationScores);
    if (ordinal && resume.thresholds) ordinal.thresholds.set(resume.thresholds);
    best = { loss: resume.best.loss, round: resume.best.round, thresholds: resume.best.thresholds && [...resume.best.thresholds] };
    rng = mulberry32(resume.rngState);
    first = resume.epoch + 1;
    t0 -= resume.elapsedMs;
  }
  // the generator as of the last whole round: a multiclass round cut short has drawn already
  let rngAtRound = rng.state();
  const take = (round: number): GbdtCheckpoint => ({
    format: 'kiln-gbdt-checkpoint-1',
    epoch: round,
    fit: sig as GbdtFitSignature,
    trees: trees.slice(),
    trainScores: Float64Array.from(sTrain),
    validationScores: Float64Array.from(sVal),
    ...(ordinal ? { thresholds: Array.from(ordinal.thresholds) } : {}),
    best: { loss: best.loss, round: best.round, ...(best.thresholds ? { thresholds: [...best.thresholds] } : {}) },
    rngState: rngAtRound,
    history: history.map((h) => ({ ...h })),
    elapsedMs: history.length ? history[history.length - 1].elapsedMs : 0,
  });
  // lets a stop request in every ~50 ms, between trees (a multiclass round grows one per class)
  const pacer = new StepPacer({ intervalMs: 50 });
  const allRows = Int32Array.from({ length: nTrain }, (_, i) => i);
  const allCols = Int32Array.from({ length: cols }, (_, i) => i);
  for (let round = first; round <= cfg.rounds; round++) {
    if (hooks.shouldStop?.()) {
      reason = 'user-stopped';
      break;
    }
    const rows = cfg.rowSubsample < 1 ? sortedDraw(nTrain, Math.max(2, Math.round(nTrain * cfg.rowSubsample)), rng) : allRows;
    const active = cfg.colSubsample < 1 ? sortedDraw(cols, Math.max(1, Math.round(cols * cfg.colSubsample)), rng) : allCols;
    const roundTrees: Tree[] = [];
    for (let k = 0; k < O; k++) {
      // a round cut short keeps none of its trees: the model stays the last whole round's
      if (k > 0 && hooks.shouldStop?.()) {
        reason = 'user-stopped';
        break;
      }
      // gradients of all K outputs come from the scores before this round's trees (obj caches its softmax)
      obj.gradHess(yTrain, sTrain, k, grad, hess);
      const { tree, leafRanges } = await growTree({ m: mTrain, bins, grad, hess, rows, active, cfg, monotone, categorical }, engine);
      roundTrees.push(tree);
      if (rows === allRows) {
        const idx = engine.idx;
        for (const [node, start, end] of leafRanges) {
          const v = tree.value[node];
          for (let i = start; i < end; i++) sK[idx[i]] = v;
        }
      } else {
        for (let i = 0; i < nTrain; i++) sK[i] = treeValueBinned(tree, mTrain, i);
      }
      // multiclass: deferred, the other outputs' gradients of this round must not see this tree yet
      if (O === 1) for (let i = 0; i < nTrain; i++) sTrain[i] += sK[i];
      else sKs[k].set(sK);
      await pacer.step(onHost);
    }
    if (reason === 'user-stopped') break;
    if (O > 1) for (let k = 0; k < O; k++) for (let i = 0; i < nTrain; i++) sTrain[i * O + k] += sKs[k][i];
    // after the round, as the training scores: a round cut short leaves the validation scores whole for a checkpoint
    if (mVal) for (let k = 0; k < O; k++) for (let i = 0; i < mVal.rows; i++) sVal[i * O + k] += treeValueBinned(roundTrees[k], mVal, i);
    rngAtRound = rng.state();
    trees.push(...roundTrees);
    obj.afterRound?.(yTrain, sTrain);
    const report: GbdtRoundReport = { round, trainLoss: obj.loss(yTrain, sTrain), validationLoss: yVal ? obj.loss(yVal, sVal) : null, elapsedMs: Date.now() - t0 };
    if (!Number.isFinite(report.trainLoss)) throw new Error(`training loss is ${report.trainLoss} at round ${round}; lower the learning rate or check the target column`);
    history.push(report);
    await hooks.onRound?.(report);
    if (mVal && hooks.onValidation) await hooks.onValidation(round, () => obj.predict(sVal));
    if (report.validationLoss !== null && cfg.earlyStoppingRounds > 0) {
      if (report.validationLoss < best.loss - 1e-12) best = { loss: report.validationLoss, round, thresholds: ordinal ? Array.from(ordinal.thresholds) : undefined };
      else if (round - best.round >= cfg.earlyStoppingRounds) {
        reason = 'early-stopped';
        break;
      }
    }
    if (round < cfg.rounds) await hooks.onCheckpoint?.({ round, final: false, take: () => take(round) });
  }
  // a stop after at least one new round: offer the last whole round once more, unthrottled
  const whole = trees.length / O;
  if (reason === 'user-stopped' && whole >= first) await hooks.onCheckpoint?.({ round: whole, final: true, take: () => take(whole) });
  const roundsRun = whole;
  const keep = reason === 'early-stopped' || (yVal && cfg.earlyStoppingRounds > 0 && best.round > 0) ? best.round : roundsRun;
  const model: GbdtModel = {
    format: 'kiln-gbdt-1',
    kind,
    classes: kind === 'regression' ? 1 : classes,
    outputs: O,
    featureNames: [...data.featureNames],
    baseScores: Array.from(base),
    trees: trees.slice(0, keep * O),
    thresholds: ordinal ? (keep === best.round ? best.thresholds : Array.from(ordinal.thresholds)) : undefined,
    config: { ...cfg },
  };
  return { model, history, reason, bestRound: keep, durationMs: Date.now() - t0, threads: engine.threads, ...(engine.meet ? { threadsMeet: engine.meet } : {}) };
  }
}

/** m of n indices, sorted (sorted rows keep histogram building cache-friendly). */
function sortedDraw(n: number, m: number, rng: () => number): Int32Array {
  return permutation(n, rng).subarray(0, m).sort();
}
