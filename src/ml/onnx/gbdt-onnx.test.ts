import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { defaultGbdtConfig } from '../models/gbdt/config';
import { fitGbdt } from '../models/gbdt/fit-gbdt';
import { predict, predictProbaMatrix, type GbdtModel } from '../models/gbdt/model';
import { syntheticTable } from '../models/gbdt/synthetic';
import { argmaxRows } from '../metrics/multiclass';
import type { TaskKind } from '../task';
import { gbdtInputs, gbdtOnnxFeeds, gbdtToOnnx } from './gbdt-onnx';
import { inferColumn } from '../data/infer-types';
import type { Frame } from '../data/frame';
import { mulberry32 } from '../data/rng';
import { trainGbdtRun } from '../models/gbdt/train-gbdt';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/gbdt');
const ROWS = 900;
const COLS = 12;
const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);

type Runtime = {
  name: string;
  create: (b: Uint8Array) => Promise<{ run: (f: Record<string, unknown>) => Promise<Record<string, { data: unknown; dims: readonly number[] }>> }>;
  tensor: (x: Float32Array, dims: number[]) => unknown;
  stringTensor: (x: string[], dims: number[]) => unknown;
};
const runtimes: Runtime[] = [
  { name: 'onnxruntime-node', create: (b) => ortNode.InferenceSession.create(b) as never, tensor: (x, d) => new ortNode.Tensor('float32', x, d), stringTensor: (x, d) => new ortNode.Tensor('string', x, d) },
  { name: 'onnxruntime-web', create: (b) => ortWeb.InferenceSession.create(b) as never, tensor: (x, d) => new ortWeb.Tensor('float32', x, d), stringTensor: (x, d) => new ortWeb.Tensor('string', x, d) },
];

describe.each([
  { kind: 'binary' as TaskKind, classes: 2, growth: 'depthwise' as const },
  { kind: 'multiclass' as TaskKind, classes: 4, growth: 'leafwise' as const },
  { kind: 'regression' as TaskKind, classes: 1, growth: 'depthwise' as const },
  { kind: 'ordinal' as TaskKind, classes: 8, growth: 'leafwise' as const },
])('ONNX export of a $kind GBDT ($growth) equals Kiln', ({ kind, classes, growth }) => {
  const data = syntheticTable(kind, ROWS, COLS, { seed: 11, missingRate: 0.05, classes });
  const val = range(600, ROWS);
  const xVal = data.x.slice(600 * COLS);
  let model: GbdtModel;
  let bytes: Uint8Array;

  beforeAll(async () => {
    ortWeb.env.wasm.numThreads = 1;
    mkdirSync(EXPORT_DIR, { recursive: true });
    const cfg = { ...defaultGbdtConfig(), rounds: 60, growth, maxDepth: growth === 'depthwise' ? 5 : 0, numLeaves: 24, minSamplesLeaf: 8, earlyStoppingRounds: 10, rowSubsample: 0.8, colSubsample: 0.8 };
    const fit = await fitGbdt({ x: data.x, featureNames: data.names, y: data.y, trainRows: range(0, 600), validationRows: val }, kind, classes, cfg);
    model = { ...fit.model, labels: kind === 'ordinal' ? ['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A'] : undefined };
    bytes = gbdtToOnnx({ model, modelId: `gbdt-${kind}`, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, `${kind}.onnx`), bytes);
    // the routing of missing values matters for this test: some trees must have used NaN rows
    expect(model.trees.some((t) => t.missingLeft.some((v, i) => v === 1 && t.feature[i] >= 0))).toBe(true);
  });

  for (const rt of runtimes) {
    it(`${rt.name} reproduces the validation predictions within 1e-5 (300 rows with NaNs), and batch 1`, async () => {
      const s = await rt.create(bytes);
      const out = await s.run({ input: rt.tensor(xVal, [val.length, COLS]) });
      const got = (kind === 'regression' ? out.prediction.data : out.probabilities.data) as Float32Array;
      const want = kind === 'regression' ? predict(model, xVal, val.length) : predictProbaMatrix(model, xVal, val.length);
      console.log(`${kind} ${rt.name}: largest |onnx − kiln| over ${val.length} rows = ${Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]))).toExponential(2)}`);
      if (kind === 'regression') {
        const p = predict(model, xVal, val.length);
        expectClose(out.prediction.data as Float32Array, p, 1e-6, 1e-5);
      } else {
        const p = predictProbaMatrix(model, xVal, val.length);
        expect(out.probabilities.dims).toEqual([val.length, classes]);
        expectClose(out.probabilities.data as Float32Array, p, 0, 1e-5);
        const labels = Array.from(out.label.data as BigInt64Array, Number);
        const mine = Array.from(argmaxRows(p, classes));
        // a tie within float32 noise may flip the argmax; count, do not demand equality there
        const flips = labels.filter((l, i) => l !== mine[i]).length;
        expect(flips).toBeLessThanOrEqual(1);
      }
      const one = await s.run({ input: rt.tensor(xVal.slice(0, COLS), [1, COLS]) });
      const first = kind === 'regression' ? one.prediction : one.probabilities;
      const mine = kind === 'regression' ? predict(model, xVal.slice(0, COLS), 1) : predictProbaMatrix(model, xVal.slice(0, COLS), 1);
      expectClose(first.data as Float32Array, mine, 1e-6, 1e-5);
    });
  }

  it('passes the official ONNX checker (full_check)', () => {
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, `${kind}.onnx`)], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});

/** A churn-like table: a yes/no flag target, two string columns that matter (city, plan), one number and one missing-heavy string. */
function churnFrame(rows: number, seed = 5): Frame {
  const rng = mulberry32(seed);
  const cities = ['Lyon', 'Paris', 'Nice', 'Lille', 'Brest', 'Metz'];
  const plans = ['basic', 'plus', 'pro'];
  const city: (string | null)[] = [];
  const plan: (string | null)[] = [];
  const tenure = new Float64Array(rows);
  const churned: string[] = [];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rng() * cities.length);
    const p = Math.floor(rng() * plans.length);
    city.push(rng() < 0.05 ? null : cities[c]);
    plan.push(plans[p]);
    tenure[i] = rng() < 0.05 ? NaN : Math.floor(rng() * 60);
    const logit = [1.5, -1, 0.5, -0.5, 2, -2][c] + [1, 0, -1.5][p] - (Number.isNaN(tenure[i]) ? 0 : tenure[i] / 30) + (rng() - 0.5);
    churned.push(logit > 0 ? 'yes' : 'no');
  }
  const churn = inferColumn('churned', churned);
  return { rowCount: rows, columns: [{ name: 'city', dtype: 'categorical', values: city }, { name: 'tenure', dtype: 'numeric', values: tenure }, { name: 'plan', dtype: 'categorical', values: plan }, churn] };
}

describe.each([
  { kind: 'binary' as TaskKind },
  { kind: 'multiclass' as TaskKind },
])('ONNX export of a $kind GBDT with categorical (string) features equals Kiln', ({ kind }) => {
  let model: GbdtModel;
  let bytes: Uint8Array;
  let parity: { x: Float32Array; rows: number; outputs: Float64Array };
  const frame = churnFrame(1200);
  // multiclass: predict the plan from the rest, so a string target and string features meet
  const task = kind === 'binary' ? { target: 'churned', kind, features: ['city', 'tenure', 'plan'] } : { target: 'plan', kind, features: ['city', 'tenure', 'churned'] };

  beforeAll(async () => {
    ortWeb.env.wasm.numThreads = 1;
    mkdirSync(EXPORT_DIR, { recursive: true });
    const cfg = { ...defaultGbdtConfig(), rounds: 40, maxDepth: 4, minSamplesLeaf: 10 };
    const run = await trainGbdtRun(frame, { source: 'churn.csv', task, model: cfg, evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.25, testFraction: 0.1 } } });
    model = run.model as GbdtModel;
    parity = run.parity as typeof parity;
    bytes = gbdtToOnnx({ model, modelId: `gbdt-${kind}-cat`, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, `${kind}-categorical.onnx`), bytes);
  });

  it('codes the string columns by their training rows and splits on them', () => {
    expect(model.categorical?.map((c) => c.feature)).toEqual(kind === 'binary' ? ['city', 'plan'] : ['city']);
    if (kind === 'binary') {
      // coded by churn rate: "pro" (lowest logit) first, "basic" last; Metz (−2) first, Brest (+2) last
      expect(model.categorical?.[1].categories).toEqual(['pro', 'plus', 'basic']);
      expect(model.categorical?.[0].categories[0]).toBe('Metz');
      expect(model.categorical?.[0].categories.at(-1)).toBe('Brest');
      expect(model.labels).toEqual(['no', 'yes']);
    }
    const used = new Set(model.trees.flatMap((t) => Array.from(t.feature).filter((f) => f >= 0)));
    expect(used.has(model.featureNames.indexOf('city'))).toBe(true);
    // by category sets (the default), so the graph's membership columns are exercised
    expect(model.trees.some((t) => t.catLeft?.some((c, i) => c !== null && t.feature[i] === model.featureNames.indexOf('city')))).toBe(true);
  });

  for (const rt of runtimes) {
    it(`${rt.name} reproduces the validation predictions from the category strings within 1e-5, and an unseen city counts as missing`, async () => {
      const s = await rt.create(bytes);
      const feeds = gbdtOnnxFeeds(model, parity.x, parity.rows);
      const nNum = gbdtInputs(model).input.length;
      const nCat = gbdtInputs(model).categorical.length;
      expect(feeds.categorical?.some((v) => v === '')).toBe(true);
      const run = (input: Float32Array, categorical: string[], rows: number) =>
        s.run({ input: rt.tensor(input, [rows, nNum]), categorical: rt.stringTensor(categorical, [rows, nCat]) });
      const out = await run(feeds.input as Float32Array, feeds.categorical as string[], parity.rows);
      const got = out.probabilities.data as Float32Array;
      expect(got.length).toBe(parity.outputs.length);
      expectClose(got, parity.outputs, 0, 1e-5);
      // a city no training row had: Kiln treats it as missing, and so must the graph
      const row = parity.x.slice(0, model.featureNames.length);
      const cityAt = model.featureNames.indexOf('city');
      row[cityAt] = NaN;
      const want = predictProbaMatrix(model, row, 1);
      const one = gbdtOnnxFeeds(model, parity.x.slice(0, model.featureNames.length), 1);
      const cats = (one.categorical as string[]).slice();
      cats[0] = 'Atlantis';
      const got1 = await run(one.input as Float32Array, cats, 1);
      expectClose(got1.probabilities.data as Float32Array, want, 0, 1e-5);
    });
  }

  it('passes the official ONNX checker (full_check)', () => {
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, `${kind}-categorical.onnx`)], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
