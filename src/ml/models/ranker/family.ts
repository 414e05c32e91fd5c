import type * as tf from '@tensorflow/tfjs';
import { rankerPairwiseToOnnx, rankerScorerToOnnx } from '../../onnx/ranker-onnx';
import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../checkpoint';
import type { ModelFamily } from '../family';
import { DEFAULT_RANKER, rankerConfigProblems, type RankerConfig } from './config';
import { normalizeFeatures } from './items';
import { pairMetrics } from './pair-metrics';
import { splitPairs, type LabeledPairs } from './pair-split';
import { loadRanker, saveRanker, scoreRows, type SavedRanker, type ScorerSpec } from './scorer';
import { trainRanker, type RankerPool } from './train-ranker';
import { rankerSearch } from './search';
import { rankerTables } from './recipe-tables';

/** A ranker trains on a pool of items (their features) and the pairs labeled over it. */
export interface RankerInput {
  pool: RankerPool;
  pairs: LabeledPairs;
}

export interface RankerModel {
  net: tf.Sequential;
  spec: ScorerSpec;
}

const poolScores = (m: RankerModel, pool: RankerPool) => scoreRows(m.net, normalizeFeatures(pool.features, pool.dim, m.spec.normalization), pool.dim);

/** Pairwise labels (A better than B, or a tie) → a scorer trained with a margin ranking loss. */
export const rankerFamily: ModelFamily<RankerInput, RankerConfig, RankerInput, RankerModel, SavedRanker, NetCheckpoint> = {
  id: 'ranker',
  title: 'Pairwise labeling + ranker',
  detail: 'A vs B, train a scorer on the labels',
  unit: 'epoch',
  fits: (data) =>
    data.columns.some((c) => c.dtype === 'numeric' || c.dtype === 'text') ? { ok: true } : { ok: false, reason: 'needs item features: numeric columns or an embedding (a JSON array column)' },
  defaults: () => structuredClone(DEFAULT_RANKER),
  validate: rankerConfigProblems,
  prepare: (input) => input,
  async fit(p, c, hooks, options = {}) {
    const trained = await trainRanker(
      p.pool,
      p.pairs,
      c,
      {
        onStage: hooks.onStage,
        onBatch: hooks.onBatch,
        shouldStop: hooks.shouldStop,
        onCheckpoint: hooks.onCheckpoint,
        onEpoch: (e) => hooks.onEpoch?.({ epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, metrics: { pairwise_accuracy: e.validation.accuracy, kendall_tau: e.validation.kendallTau, loss: e.validation.loss }, isBest: e.isBest, elapsedMs: e.elapsedMs }),
      },
      options.engine,
      options.resume,
    );
    const { reason, epochsRun, bestEpoch, message } = trained.fit;
    return { model: { net: trained.model, spec: trained.spec }, reason, epochsRun, bestEpoch, message };
  },
  predict: async (m, p) => ({ score: await poolScores(m, p.pool) }),
  async evaluate(m, p) {
    const c = m.spec.config;
    const split = splitPairs(p.pairs, p.pool.size, c.split, c.seed);
    const v = pairMetrics(await poolScores(m, p.pool), p.pairs.a, p.pairs.b, p.pairs.y, split.validation, c.margin);
    return { pairwise_accuracy: v.accuracy, kendall_tau: v.kendallTau, tie_agreement: v.tieAgreement, loss: v.loss };
  },
  save: (m) => saveRanker(m.net, m.spec),
  load: (saved) => ({ net: loadRanker(saved), spec: saved.spec }),
  dispose: (m) => m.net.dispose(),
  async toOnnx(m, _p, meta) {
    const e = { model: await saveRanker(m.net, m.spec), ...meta };
    return { model: rankerScorerToOnnx(e), files: { 'pairwise.onnx': rankerPairwiseToOnnx(e) } };
  },
  onnxFeeds: (_m, p) => ({ input: { type: 'float32', data: p.pool.features, dims: [p.pool.size, p.pool.dim] } }),
  engines: { supported: true, webgpu: true },
  calibration: { supported: false, reason: 'A ranker gives scores to order items by, not probabilities: there is nothing to calibrate.' },
  studyOf: {
    base: (c) => c,
    input: (i) => ({ pool: i.pool, pairs: i.pairs }),
    join: (_c, base) => base as RankerConfig,
  },
  tables: rankerTables,
  search: rankerSearch,
  checkpoints: { supported: true, epochOf: (cp) => cp.epoch, bytes: checkpointBytes, transferables: checkpointTransferables },
  cv: { supported: false, reason: 'Pairs share items, so folds over pairs leak items between training and validation; the by-item split is the honest estimate, and a grouped-by-item CV is not built yet.' },
  modelArtifacts: ['ranker-model', 'ranker-result'],
  report: [
    { id: 'curves', title: 'Loss and pairwise accuracy' },
    { id: 'pairs', title: 'Held-out pairs and NDCG' },
    { id: 'ranking', title: 'The pool ranked by score' },
  ],
};
