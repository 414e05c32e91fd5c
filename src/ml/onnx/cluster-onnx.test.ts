import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { columnStats } from '../data/column-stats';
import type { Frame } from '../data/frame';
import { defaultClusterRecipe, type ClusterRecipe } from '../models/cluster/defaults';
import { assignRows, fitCluster, prepareCluster } from '../models/cluster/model';
import { blobsFrame, jobsFrame } from '../models/cluster/test-tables';
import { clusterFeeds, clusterToOnnx, clusterVocabJson, type ClusterFeed } from './cluster-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/cluster');
const META = { modelId: 'cluster_test_v1.0', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' };

interface Case {
  name: string;
  frame: () => Frame;
  recipe: (base: ClusterRecipe) => ClusterRecipe;
}

const CASES: Case[] = [
  { name: 'jobs-text', frame: jobsFrame, recipe: (b) => ({ ...b, k: 8, features: { text: ['title', 'description', 'required_skills_text'], numeric: [], embedding: null } }) },
  { name: 'jobs-bigrams-sublinear', frame: jobsFrame, recipe: (b) => ({ ...b, k: 6, tfidf: { ...b.tfidf, ngramMax: 2, sublinearTf: true, maxFeatures: 800 }, features: { text: ['description'], numeric: [], embedding: null } }) },
  { name: 'jobs-text-numeric', frame: jobsFrame, recipe: (b) => ({ ...b, k: 5, features: { text: ['title'], numeric: ['salary_min', 'salary_max'], embedding: null } }) },
  { name: 'blobs-numeric-embedding', frame: () => blobsFrame(400), recipe: (b) => ({ ...b, k: 4, labelColumn: 'name', heldOutFraction: 0.2, features: { text: [], numeric: ['x0', 'x1', 'x2'], embedding: 'vec' } }) },
];

const tensors = (f: Record<string, ClusterFeed>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, new ort.Tensor(v.type, v.data, v.dims)]));

describe.each(CASES)('the cluster ONNX graph ($name) assigns held-out rows as the core does', (c) => {
  const frame = c.frame();
  const recipe = c.recipe(defaultClusterRecipe(frame.columns.map(columnStats)));
  const p = prepareCluster({ frame, source: c.name }, recipe);
  const m = fitCluster(p, recipe);
  const bytes = clusterToOnnx({ model: m, ...META });
  mkdirSync(EXPORT_DIR, { recursive: true });
  writeFileSync(resolve(EXPORT_DIR, `${c.name}.onnx`), bytes);

  it('onnxruntime-node from raw inputs: the same cluster for every row, distances ≤ 1e-5', async () => {
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run(tensors(clusterFeeds(m, p.heldOutRaw)));
    const want = assignRows(m, p.heldOutX);
    expect(p.heldOutRows.length).toBeGreaterThan(20);
    expect(Array.from(out.cluster.data as BigInt64Array, Number)).toEqual(Array.from(want.labels));
    const got = out.distances.data as Float32Array;
    let worst = 0;
    want.distances.forEach((v, i) => (worst = Math.max(worst, Math.abs(got[i] - v) / Math.max(1, Math.abs(v)))));
    expect(worst).toBeLessThanOrEqual(1e-5);
    await session.release();
  });

  it('ships the tokenizer with text features', () => {
    const v = clusterVocabJson(m);
    if (!recipe.features.text.length) return expect(v).toBeNull();
    expect(v?.tokens.length).toBeGreaterThan(0);
    expect(v?.text_columns).toEqual(recipe.features.text);
  });

  it('passes the official ONNX checker (full_check)', () => {
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, `${c.name}.onnx`)], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
