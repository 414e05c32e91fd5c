import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../../test-utils/close';
import { binaryLogLoss } from '../../metrics/binary';
import { gbdtInputs, gbdtOnnxFeeds, gbdtToOnnx } from '../../onnx/gbdt-onnx';
import type { TaskSpec } from '../../task';
import { defaultGbdtConfig, type GbdtConfig } from './config';
import { fitGbdt } from './fit-gbdt';
import { predict, predictProbaMatrix, predictRaw, type GbdtModel } from './model';
import { syntheticCategoryFrame } from './synthetic';
import { explainRows } from './tree-shap';
import { prepareGbdtHoldout, trainGbdtRun, type GbdtHoldoutData } from './train-gbdt';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../../test-results/onnx-exports/gbdt');
const task: TaskSpec = { target: 'bought', kind: 'binary', features: ['shop', 'x1', 'x2'] };
const split = { strategy: 'stratified' as const, seed: 3, validationFraction: 0.2, testFraction: 0.25 };
const cfg: GbdtConfig = { ...defaultGbdtConfig(), rounds: 300, learningRate: 0.1, growth: 'leafwise', maxDepth: 0, numLeaves: 15, minSamplesLeaf: 20, l2: 1, earlyStoppingRounds: 30 };

const gather = (x: Float32Array, cols: number, rows: Int32Array) => {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(x.subarray(r * cols, (r + 1) * cols), i * cols));
  return out;
};

/** The shop column as 40 indicator features (a missing shop: all zero), in place of its code. */
function oneHot(d: GbdtHoldoutData): { x: Float32Array; names: string[] } {
  const F = d.featureNames.length;
  const at = d.categoricalFeatures[0];
  const names = [...d.featureNames.filter((_, f) => f !== at), ...d.categorical[0].categories.map((c) => `shop=${c}`)];
  const rows = d.y.length;
  const x = new Float32Array(rows * names.length);
  for (let r = 0; r < rows; r++) {
    let j = 0;
    for (let f = 0; f < F; f++) if (f !== at) x[r * names.length + j++] = d.x[r * F + f];
    const code = d.x[r * F + at];
    if (!Number.isNaN(code)) x[r * names.length + F - 1 + code] = 1;
  }
  return { x, names };
}

describe('category-set splits on a 40-level category', () => {
  const frame = syntheticCategoryFrame(6000);
  const d = prepareGbdtHoldout(frame, 'shops.csv', task, split);
  const yTest = Float64Array.from(d.split.test, (r) => d.y[r]);
  const scoreOf = async (x: Float32Array, names: string[], over: Partial<GbdtConfig>, categorical: number[]) => {
    const { model } = await fitGbdt({ x, featureNames: names, y: d.y, trainRows: d.split.train, validationRows: d.split.validation, categorical }, 'binary', 2, { ...cfg, ...over });
    const p = predict(model, gather(x, names.length, d.split.test), d.split.test.length);
    let hit = 0;
    p.forEach((v, i) => (hit += (v >= 0.5 ? 1 : 0) === yTest[i] ? 1 : 0));
    return { logLoss: binaryLogLoss(yTest, p), accuracy: hit / p.length, model };
  };

  it('beat the ordinal (mean-target) code and one-hot indicators on held-out log loss', async () => {
    expect(d.categorical[0].categories).toHaveLength(40);
    const sets = await scoreOf(d.x, d.featureNames, {}, d.categoricalFeatures);
    const ordinal = await scoreOf(d.x, d.featureNames, { categoricalSplits: false }, d.categoricalFeatures);
    const oh = oneHot(d);
    const onehot = await scoreOf(oh.x, oh.names, {}, []);
    console.log(`40-level category, ${d.split.test.length} test rows: log loss sets ${sets.logLoss.toFixed(4)} (accuracy ${sets.accuracy.toFixed(4)}), ordinal ${ordinal.logLoss.toFixed(4)} (${ordinal.accuracy.toFixed(4)}), one-hot ${onehot.logLoss.toFixed(4)} (${onehot.accuracy.toFixed(4)})`);
    expect(sets.model.trees.some((t) => t.catLeft?.some((c) => c !== null))).toBe(true);
    expect(ordinal.model.trees.some((t) => t.catLeft)).toBe(false);
    expect(sets.logLoss).toBeLessThan(ordinal.logLoss - 0.005);
    expect(sets.logLoss).toBeLessThan(onehot.logLoss - 0.005);
    // TreeSHAP routes by membership too: base + Σ contributions = the margin on 300 rows
    const xt = gather(d.x, d.featureNames.length, d.split.test.subarray(0, 300));
    const e = explainRows(sets.model, xt, 300);
    const raw = predictRaw(sets.model, xt, 300);
    for (let r = 0; r < 300; r++) {
      let sum = e.base[0];
      for (let f = 0; f < e.features; f++) sum += e.phi[r * e.features + f];
      expect(Math.abs(sum - raw[r])).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('ONNX export of category-set splits', () => {
  let model: GbdtModel;
  let parity: { x: Float32Array; rows: number; outputs: Float64Array };
  let bytes: Uint8Array;
  beforeAll(async () => {
    const run = await trainGbdtRun(syntheticCategoryFrame(3000, 9), { source: 'shops.csv', task, model: { ...cfg, rounds: 60 }, evaluation: { mode: 'holdout', split } });
    model = run.model as GbdtModel;
    parity = run.parity as typeof parity;
    bytes = gbdtToOnnx({ model, modelId: 'gbdt-category-sets', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    mkdirSync(EXPORT_DIR, { recursive: true });
    writeFileSync(resolve(EXPORT_DIR, 'binary-category-sets.onnx'), bytes);
  });

  it('onnxruntime-node equals Kiln within 1e-5, unseen and missing categories included, and the official checker passes', async () => {
    expect(model.trees.some((t) => t.catLeft?.some((c) => c !== null))).toBe(true);
    const s = await ortNode.InferenceSession.create(bytes);
    const F = model.featureNames.length;
    const shopAt = model.featureNames.indexOf('shop');
    // the first 30 rows get a shop no training row had, the next 30 none: Kiln routes both as missing
    const x = Float32Array.from(parity.x);
    for (let r = 0; r < 60; r++) x[r * F + shopAt] = NaN;
    const feeds = gbdtOnnxFeeds(model, x, parity.rows);
    const cats = feeds.categorical as string[];
    const C = gbdtInputs(model).categorical.length;
    for (let r = 0; r < 30; r++) cats[r * C] = `unseen-${r}`;
    const out = await s.run({ input: new ortNode.Tensor('float32', feeds.input as Float32Array, [parity.rows, F - C]), categorical: new ortNode.Tensor('string', cats, [parity.rows, C]) });
    const want = predictProbaMatrix(model, x, parity.rows);
    const got = out.probabilities.data as Float32Array;
    console.log(`category sets: largest |onnx − kiln| over ${parity.rows} rows = ${Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]))).toExponential(2)}`);
    expectClose(got, want, 0, 1e-5);
    // and the untouched rows are what the run stored
    expectClose(got.subarray(120), parity.outputs.subarray(120), 0, 1e-5);
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, 'binary-category-sets.onnx')], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
});

describe('a column past 255 categories', () => {
  it('keeps its ordinal code (one bin per category does not fit), the other categorical column still splits by sets', async () => {
    const rows = 3000;
    const x = new Float32Array(rows * 2);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      x[r * 2] = r % 300;
      x[r * 2 + 1] = r % 7;
      y[r] = (r % 300 < 150 ? 1 : 0) ^ (r % 7 === 3 ? 1 : 0);
    }
    const { model } = await fitGbdt({ x, featureNames: ['wide', 'narrow'], y, trainRows: Int32Array.from({ length: rows }, (_, i) => i), categorical: [0, 1] }, 'binary', 2, { ...cfg, rounds: 20, earlyStoppingRounds: 0 });
    const catOn = (f: number) => model.trees.some((t) => t.catLeft?.some((c, i) => c !== null && t.feature[i] === f));
    expect(catOn(0)).toBe(false);
    expect(model.trees.some((t) => t.feature.includes(0))).toBe(true);
    expect(catOn(1)).toBe(true);
  });
});
