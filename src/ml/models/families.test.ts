import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeWasmKernels } from '../engine/wasm/kernels-wasm-node';
import type { TrainEngine } from '../engine/train-engine';
import type { AnyModelFamily, OnnxFeed, Outputs } from './family';
import { FAMILIES } from './families';
import { sequenceFamily } from './sequence/family';
import { tabularFamily } from './tabular/family';
import { outputsDiff, runFamily } from './lifecycle';
import { sampleBytes } from '../../test-utils/fixtures';
import { parseFile } from '../data/parse-file';
import { columnStats } from '../data/column-stats';
import type { Frame } from '../data/frame';
import type { DatasetInfo } from './family';
import { careerPaths } from '../../../proxy/src/demo/careers';
import { historyFrame } from './sequence/test-data';
import { rankerFamily } from './ranker/family';
import { gbdtFamily } from './gbdt/family';
import { matcherFamily } from './matcher/family';
import { candidateJobScores, candidates, jobs } from '../../../proxy/src/demo/generate';
import { flattenWorkHistory } from './matcher/sections';
import { syntheticPairs, syntheticPool } from './ranker/synthetic';
import { clusterFamily } from './cluster/family';
import { jobsFrame } from './cluster/test-tables';
import { sectionsFamily } from './sections/family';
import { generateSectionExamples } from './sections/generate-postings';

/**
 * Acceptance 1 of the family contract: every registered family, through the generic lifecycle
 * only (no family named below), on a small dataset: prepare → fit, stopped after epoch/round 2 →
 * its checkpoint (structured-cloned, as IndexedDB stores it) → resume to the end, equal to an
 * uninterrupted run → predict → ONNX → the graph in onnxruntime on raw inputs equals predict
 * (≤ 1e-5) → save / load round trip equal.
 */

interface LifecycleSample {
  dataset: DatasetInfo;
  input: unknown;
  /** a small recipe: `epochs` epochs or rounds, a checkpoint after every one */
  config: unknown;
  epochs: number;
}

const info = (name: string, frame: Frame): DatasetInfo => ({ name, columns: frame.columns.map(columnStats) });

/** The small datasets and recipes; the only place below that names a family. */
const LIFECYCLE_SAMPLES: Record<string, LifecycleSample> = {};

async function loadSamples(): Promise<void> {
  const wine = await parseFile('wine.csv', sampleBytes('wine.csv'));
  const wineInfo = info('wine.csv', wine);
  const tabular = tabularFamily.defaults(wineInfo);
  LIFECYCLE_SAMPLES.tabular = {
    dataset: wineInfo,
    input: { frame: wine, source: 'wine.csv' },
    config: { ...tabular, model: { ...tabular.model, hiddenUnits: [8], epochs: 4, checkpointEvery: 1, earlyStopping: { ...tabular.model.earlyStopping, enabled: false } } },
    epochs: 4,
  };
  const careers = historyFrame(careerPaths(300, 11));
  const careersInfo = info('careers', careers);
  const sequence = sequenceFamily.defaults(careersInfo);
  LIFECYCLE_SAMPLES.sequence = {
    dataset: careersInfo,
    input: { frame: careers, source: 'careers' },
    config: {
      data: { ...sequence.data, vocab: { minFrequency: 1, maxSize: 200 } },
      model: { ...sequence.model, embeddingDim: 8, hiddenUnits: 8, layers: 1, epochs: 4, batchSize: 64, earlyStopping: { ...sequence.model.earlyStopping, enabled: false } },
    },
    epochs: 4,
  };
  const items = syntheticPool(120, 6, 5);
  const pool = { size: items.size, dim: items.dim, features: items.features, featureNames: Array.from({ length: items.dim }, (_, i) => `f${i}`), metricCount: items.dim, relevance: null };
  const itemColumns: Frame = { rowCount: items.size, columns: pool.featureNames.map((name, j) => ({ name, dtype: 'numeric', values: Float64Array.from({ length: items.size }, (_, i) => items.features[i * items.dim + j]) })) };
  const itemsInfo = info('items', itemColumns);
  LIFECYCLE_SAMPLES.ranker = {
    dataset: itemsInfo,
    input: { pool, pairs: syntheticPairs(items, 400, 0.1, 3) },
    config: { ...rankerFamily.defaults(itemsInfo), hiddenUnits: 16, epochs: 4, earlyStopping: { ...rankerFamily.defaults(itemsInfo).earlyStopping, enabled: false } },
    epochs: 4,
  };
  const essays = await parseFile('essays.csv', sampleBytes('essays.csv'));
  const essaysInfo = info('essays.csv', essays);
  const gbdt = gbdtFamily.defaults(essaysInfo);
  LIFECYCLE_SAMPLES.gbdt = {
    dataset: essaysInfo,
    input: { frame: essays, source: 'essays.csv' },
    config: { ...gbdt, model: { ...gbdt.model, rounds: 4, maxDepth: 3, rowSubsample: 0.8, colSubsample: 0.8, earlyStoppingRounds: 0 } },
    epochs: 4,
  };
  LIFECYCLE_SAMPLES.matcher = scoresTable();
  const jobsTable = jobsFrame();
  const jobsInfo = info('jobs', jobsTable);
  LIFECYCLE_SAMPLES.cluster = { dataset: jobsInfo, input: { frame: jobsTable, source: 'jobs' }, config: { ...clusterFamily.defaults(jobsInfo), k: 6, sweep: null }, epochs: 1 };
  LIFECYCLE_SAMPLES.sections = postingSections();
}

/** Generated job-posting sections as a table: one row per section, its text and its label. */
function postingSections(): LifecycleSample {
  const ex = generateSectionExamples(120, 5);
  const frame: Frame = {
    rowCount: ex.length,
    columns: [
      { name: 'section_text', dtype: 'text', values: ex.map((e) => e.text) },
      { name: 'section_label', dtype: 'categorical', values: ex.map((e) => e.label) },
    ],
  };
  const dataset = info('posting_sections', frame);
  const c = sectionsFamily.defaults(dataset);
  const config = { ...c, model: { ...c.model, kind: 'mlp', hidden: [16], epochs: 4, patience: 0, checkpointEvery: 1 } };
  return { dataset, input: sectionsFamily.tables.input({ data: { name: 'posting_sections', frame } }, config, undefined), config, epochs: 4 };
}

/** The demo's candidate–job scores as one table carrying both sides' section texts (column order: proxy/src/demo/schema.ts). */
function scoresTable(): LifecycleSample {
  const cand = new Map(candidates().map((c) => [String(c[0]), [c[8] as string, flattenWorkHistory(c[4] as string), c[9] as string]]));
  const job = new Map(jobs().map((j) => [String(j[0]), [j[9] as string, j[10] as string, j[11] as string]]));
  const rows = candidateJobScores().slice(0, 1500);
  const text = (name: string, f: (r: (typeof rows)[number]) => string) => ({ name, dtype: 'text' as const, values: rows.map(f) });
  const frame: Frame = {
    rowCount: rows.length,
    columns: [
      { name: 'candidate_id', dtype: 'id', values: rows.map((r) => String(r[0])) },
      { name: 'job_id', dtype: 'id', values: rows.map((r) => String(r[1])) },
      { name: 'score', dtype: 'numeric', values: Float64Array.from(rows, (r) => Number(r[2])) },
      { name: 'label', dtype: 'numeric', values: Float64Array.from(rows, (r) => (r[3] === null ? NaN : Number(r[3]))) },
      text('skills_text', (r) => cand.get(String(r[0]))![0]),
      text('work_history', (r) => cand.get(String(r[0]))![1]),
      text('education', (r) => cand.get(String(r[0]))![2]),
      text('required_skills_text', (r) => job.get(String(r[1]))![0]),
      text('experience_text', (r) => job.get(String(r[1]))![1]),
      text('education_requirement', (r) => job.get(String(r[1]))![2]),
    ],
  };
  const dataset = info('candidate_job_scores', frame);
  const table = { name: 'candidate_job_scores', frame };
  return { dataset, input: { candidates: table, jobs: table, pairs: table }, config: matcherFamily.defaults(dataset), epochs: 1 };
}

const META = { modelId: 'lifecycle_v1.0', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' };

function ortFeeds(feeds: Record<string, OnnxFeed>): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, new ort.Tensor(f.type, f.data, f.dims)]));
}

async function onnxOutputs(bytes: Uint8Array, feeds: Record<string, OnnxFeed>, names: string[]): Promise<Outputs> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run(ortFeeds(feeds));
  await session.release();
  return Object.fromEntries(names.map((n) => [n, out[n].data as Float32Array]));
}

const ENGINES: { name: string; engine: () => Promise<TrainEngine | undefined> }[] = [
  { name: "Kiln's engine (WASM kernels)", engine: async () => ({ kind: 'kiln', kernels: createNodeWasmKernels }) },
  { name: 'TF.js (cpu)', engine: async () => ({ kind: 'tfjs' }) },
];

beforeAll(async () => {
  await loadSamples();
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
});

it('every registered family has a lifecycle sample, and ids are unique', () => {
  const ids = FAMILIES.map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(Object.keys(LIFECYCLE_SAMPLES).sort()).toEqual([...ids].sort());
});

describe.each(FAMILIES.map((f) => ({ id: f.id, family: f as AnyModelFamily })))('the generic lifecycle of $id', ({ id, family }) => {
  const sample = () => LIFECYCLE_SAMPLES[id];

  it('declares every capability it lacks with a reason', () => {
    for (const cap of [family.engines, family.checkpoints, family.cv, family.calibration]) if (!cap.supported) expect(cap.reason.length).toBeGreaterThan(10);
    expect(family.report.length).toBeGreaterThan(0);
    expect(family.search.id, 'its search registration is its own').toBe(family.id);
    expect(family.fits(sample().dataset)).toEqual({ ok: true });
    expect(family.validate(family.defaults(sample().dataset))).toEqual([]);
  });

  // a family without tensors trains once, on no engine
  describe.each(family.engines.supported ? ENGINES : [{ name: 'plain JavaScript', engine: async () => undefined }])('on $name', ({ engine: makeEngine }) => {
    it('prepare → fit 2 → checkpoint → resume → predict → ONNX parity ≤ 1e-5 → save/load equal', async () => {
      const s = sample();
      const engine = await makeEngine();
      const whole = await runFamily(family, s.input, s.config, { engine });
      expect(whole.fitted.epochsRun).toBe(s.epochs);
      const want = await family.predict(whole.fitted.model, whole.prepared);

      if (family.checkpoints.supported) {
        const stopped = await runFamily(family, s.input, s.config, { engine, stopAfter: 2 });
        expect(stopped.fitted.reason).toBe('user-stopped');
        expect(stopped.checkpoint, 'a checkpoint after epoch 2').toBeDefined();
        expect(family.checkpoints.epochOf(stopped.checkpoint)).toBe(2);
        expect(family.checkpoints.bytes(stopped.checkpoint)).toBeGreaterThan(0);
        family.dispose(stopped.fitted.model);
        const resumed = await runFamily(family, s.input, s.config, { engine, resume: stopped.checkpoint });
        expect(resumed.epochs[0]?.epoch).toBe(3);
        expect(resumed.fitted.epochsRun).toBe(s.epochs);
        expect(outputsDiff(await family.predict(resumed.fitted.model, resumed.prepared), want)).toBe(0); // a resume is bit for bit the uninterrupted run
        family.dispose(resumed.fitted.model);
      }

      const metrics = await family.evaluate(whole.fitted.model, whole.prepared);
      expect(Object.keys(metrics).length).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(metrics)) expect(Number.isFinite(v) || Number.isNaN(v), k).toBe(true);

      const bundle = await family.toOnnx(whole.fitted.model, whole.prepared, META);
      const got = await onnxOutputs(bundle.model, family.onnxFeeds(whole.fitted.model, whole.prepared), Object.keys(want));
      expect(outputsDiff(got, want)).toBeLessThanOrEqual(1e-5);

      const saved = await family.save(whole.fitted.model);
      const loaded = await family.load(structuredClone(saved));
      expect(outputsDiff(await family.predict(loaded, whole.prepared), want)).toBe(0);
      expect(await family.save(loaded)).toEqual(saved);
      family.dispose(loaded);
      family.dispose(whole.fitted.model);
    }, 180_000);
  });
});
