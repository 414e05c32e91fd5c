import { engineStartWeights, putEngineWeights } from '../loop-utils';
import * as tf from '@tensorflow/tfjs';
import { ndcg } from '../../metrics/ranking';
import type { NetCheckpoint } from '../checkpoint';
import { rankerConfigProblems, type RankerConfig } from './config';
import { fitRanker, type RankerFitHooks, type RankerFitResult } from './fit-ranker';
import { fitRankerOnEngine } from '../../engine/fit-ranker-engine';
import type { DenseNetSpec } from '../../engine/dense-net';
import { fitRankerGpu } from '../../engine/webgpu/fit-ranker-gpu';
import type { TrainEngine } from '../../engine/train-engine';
import { fitNormalization, normalizeFeatures, type ItemPool } from './items';
import { pairMetrics, type PairMetrics } from './pair-metrics';
import { splitPairs, splitProblem, type LabeledPairs } from './pair-split';
import { buildScorer, scoreRows, type ScorerSpec } from './scorer';

/** What training needs of a pool: features and, where known, relevance (ids stay on the main thread). */
export type RankerPool = Pick<ItemPool, 'dim' | 'features' | 'featureNames' | 'metricCount' | 'relevance'> & { size: number };

export interface RankerReport {
  validation: PairMetrics;
  train: PairMetrics;
  split: { by: RankerConfig['split']['by']; train: number; validation: number; dropped: number; heldOutItems: number | null };
  /** NDCG@k of the whole pool sorted by score, against its relevance column (and over held-out items for an item split) */
  ndcg: { k: number; pool: number; heldOut: number | null } | null;
}

export interface TrainedRanker {
  model: tf.Sequential;
  spec: ScorerSpec;
  /** the final model's score for every pool item */
  scores: Float32Array;
  report: RankerReport;
  fit: RankerFitResult;
}

function ndcgOf(relevance: ArrayLike<number>, scores: ArrayLike<number>, keep: (i: number) => boolean, k: number): number | null {
  const rel: number[] = [];
  const sc: number[] = [];
  for (let i = 0; i < relevance.length; i++) {
    if (keep(i) && Number.isFinite(relevance[i])) {
      rel.push(relevance[i]);
      sc.push(scores[i]);
    }
  }
  return rel.length > 1 ? ndcg([rel], [sc], k) : null;
}

/** The engine's description of the scorer: ReLU hidden layers, one linear score (the pair loss replaces the task loss). */
export function scorerNetSpec(dim: number, config: RankerConfig): DenseNetSpec {
  return { inputDim: dim, hidden: Array<number>(config.hiddenLayers).fill(config.hiddenUnits), activation: 'relu', outputDim: 1, dropout: config.hiddenLayers > 0 ? config.dropout : 0, l2: config.weightDecay, task: 'regression' };
}

/** The scorer trained by Kiln's engine (CPU kernels or a WebGPU device) from its TF.js initial weights; the trained weights go back into the TF.js model, which scoring, saving and export read. */
async function fitScorerOnEngine(model: tf.Sequential, x: Float32Array, dim: number, pairs: LabeledPairs, split: { train: Int32Array; validation: Int32Array }, config: RankerConfig, hooks: RankerFitHooks, engine: Exclude<TrainEngine, { kind: 'tfjs' }>, resume?: NetCheckpoint): Promise<RankerFitResult> {
  const initial = await engineStartWeights(model);
  const spec = scorerNetSpec(dim, config);
  const r = engine.kind === 'kiln' ? await fitRankerOnEngine(spec, initial, x, dim, pairs, split, config, engine.kernels, hooks, resume) : await fitRankerGpu(spec, initial, x, dim, pairs, split, config, engine.device, hooks, resume);
  putEngineWeights(model, r.weights);
  const { weights: _w, kernels: _k, ...fit } = r;
  return fit;
}

/**
 * Normalize, split, fit, then measure: the ranker's whole run, the same in the worker, Node tests
 * and benches. A `resume` checkpoint continues an earlier fit after its epoch, on the engine it was taken on.
 */
export async function trainRanker(pool: RankerPool, pairs: LabeledPairs, config: RankerConfig, hooks: RankerFitHooks = {}, engine: TrainEngine = { kind: 'tfjs' }, resume?: NetCheckpoint): Promise<TrainedRanker> {
  const problems = rankerConfigProblems(config);
  if (problems.length) throw new Error(`the ranker settings are not valid: ${problems.join('; ')}`);
  const split = splitPairs(pairs, pool.size, config.split, config.seed);
  const why = splitProblem(split, pairs.y.length);
  if (why) throw new Error(why);
  const normalization = fitNormalization(pool);
  const x = normalizeFeatures(pool.features, pool.dim, normalization);
  const spec: ScorerSpec = { inputDim: pool.dim, featureNames: pool.featureNames, normalization, config };
  const model = buildScorer(spec);
  try {
    const fit = engine.kind !== 'tfjs' ? await fitScorerOnEngine(model, x, pool.dim, pairs, split, config, hooks, engine, resume) : await fitRanker(model, x, pool.dim, pairs, split, config, hooks, resume);
    const scores = await scoreRows(model, x, pool.dim);
    const held = split.heldOutItems;
    const report: RankerReport = {
      validation: pairMetrics(scores, pairs.a, pairs.b, pairs.y, split.validation, config.margin),
      train: pairMetrics(scores, pairs.a, pairs.b, pairs.y, split.train, config.margin),
      split: { by: config.split.by, train: split.train.length, validation: split.validation.length, dropped: split.dropped, heldOutItems: held ? held.reduce((s, v) => s + v, 0) : null },
      ndcg: pool.relevance
        ? { k: config.ndcgK, pool: ndcgOf(pool.relevance, scores, () => true, config.ndcgK) ?? NaN, heldOut: held ? ndcgOf(pool.relevance, scores, (i) => held[i] === 1, config.ndcgK) : null }
        : null,
    };
    return { model, spec, scores, report, fit };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
