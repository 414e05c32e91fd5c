import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { DEFAULT_RANKER, type RankerConfig } from '../models/ranker/config';
import { saveRanker, scoreRows } from '../models/ranker/scorer';
import { normalizeFeatures } from '../models/ranker/items';
import { syntheticPairs, syntheticPool } from '../models/ranker/synthetic';
import { trainRanker } from '../models/ranker/train-ranker';
import { rankerPairwiseToOnnx, rankerScorerToOnnx } from './ranker-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/ranker');
const METRICS = 3;
const EMB = 16;

/** A pool with raw metrics on their own scales (one missing value) ahead of the embedding, so normalization is exercised. */
function pool() {
  const s = syntheticPool(300, EMB, 5);
  const dim = METRICS + EMB;
  const features = new Float32Array(s.size * dim);
  for (let i = 0; i < s.size; i++) {
    features[i * dim] = 1000 + 50 * Math.sin(i);
    features[i * dim + 1] = i % 7;
    features[i * dim + 2] = i === 17 ? NaN : s.utility[i] * 0.3;
    features.set(s.features.subarray(i * EMB, (i + 1) * EMB), i * dim + METRICS);
  }
  return { size: s.size, dim, features, featureNames: ['stars', 'contributors', 'tests', ...Array.from({ length: EMB }, (_, i) => `emb_${i}`)], metricCount: METRICS, relevance: null, pairs: syntheticPairs(s, 600, 0.1, 3) };
}

describe.each([
  { name: 'one-hidden-layer', config: { hiddenUnits: 32, hiddenLayers: 1 } },
  { name: 'two-hidden-layers', config: { hiddenUnits: 24, hiddenLayers: 2 } },
  { name: 'linear', config: { hiddenLayers: 0 } },
] as { name: string; config: Partial<RankerConfig> }[])('ONNX export of the ranker ($name) equals TF.js', (c) => {
  const p = pool();
  let scorer: ort.InferenceSession;
  let pairwise: ort.InferenceSession;
  let tfScores: Float32Array;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    ort.env.wasm.numThreads = 1;
    mkdirSync(EXPORT_DIR, { recursive: true });
    const trained = await trainRanker(p, p.pairs, { ...DEFAULT_RANKER, ...c.config, epochs: 3, dropout: 0.2 });
    const saved = await saveRanker(trained.model, trained.spec);
    tfScores = await scoreRows(trained.model, normalizeFeatures(p.features, p.dim, trained.spec.normalization), p.dim);
    expectClose(tfScores, trained.scores, 0, 0);
    trained.model.dispose();
    const meta = { model: saved, modelId: c.name, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' };
    const s = rankerScorerToOnnx(meta);
    const d = rankerPairwiseToOnnx(meta);
    writeFileSync(resolve(EXPORT_DIR, `${c.name}-scorer.onnx`), s);
    writeFileSync(resolve(EXPORT_DIR, `${c.name}-pairwise.onnx`), d);
    scorer = await ort.InferenceSession.create(s);
    pairwise = await ort.InferenceSession.create(d);
  });

  it('scorer: input → score for the whole pool (raw features, a NaN metric) within 1e-5, and batch 1', async () => {
    const out = await scorer.run({ input: new ort.Tensor('float32', p.features, [p.size, p.dim]) });
    expect(out.score.dims).toEqual([p.size]);
    expectClose(out.score.data as Float32Array, tfScores, 1e-5, 1e-5);
    for (const i of [0, 17, 299]) {
      const one = await scorer.run({ input: new ort.Tensor('float32', p.features.slice(i * p.dim, (i + 1) * p.dim), [1, p.dim]) });
      expectClose(one.score.data as Float32Array, [tfScores[i]], 1e-5, 1e-5);
    }
  });

  it('pairwise: input_a, input_b → score_diff for 600 pairs within 1e-5', async () => {
    const { a, b } = p.pairs;
    const rows = (idx: Int32Array) => {
      const x = new Float32Array(idx.length * p.dim);
      idx.forEach((r, k) => x.set(p.features.subarray(r * p.dim, (r + 1) * p.dim), k * p.dim));
      return new ort.Tensor('float32', x, [idx.length, p.dim]);
    };
    const out = await pairwise.run({ input_a: rows(a), input_b: rows(b) });
    expectClose(out.score_diff.data as Float32Array, Float32Array.from(a, (ai, k) => tfScores[ai] - tfScores[b[k]]), 1e-5, 1e-5);
  });

  it('both graphs pass the official ONNX checker (full_check)', () => {
    const files = ['scorer', 'pairwise'].map((k) => resolve(EXPORT_DIR, `${c.name}-${k}.onnx`));
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), ...files], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
