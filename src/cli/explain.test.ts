import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnStats } from '../ml/data/column-stats';
import { parseFile } from '../ml/data/parse-file';
import type { AnyModelFamily, Outputs } from '../ml/models/family';
import { gbdtFamily } from '../ml/models/gbdt/family';
import { outputsFromRaw, type GbdtModel } from '../ml/models/gbdt/model';
import type { GbdtHoldoutData } from '../ml/models/gbdt/train-gbdt';
import { runFamily } from '../ml/models/lifecycle';
import { readSample, sampleBytes } from '../test-utils/fixtures';
import { runExplain } from './explain';

const dir = mkdtempSync(join(tmpdir(), 'kiln-explain-'));
let model: GbdtModel;
let want: Outputs;
let input: string;
let rows: number;

beforeAll(async () => {
  const frame = await parseFile('essays.csv', sampleBytes('essays.csv'));
  const family = gbdtFamily as unknown as AnyModelFamily;
  const c = gbdtFamily.defaults({ name: 'essays.csv', columns: frame.columns.map(columnStats) });
  const run = await runFamily(family, { frame, source: 'essays.csv' }, { ...c, model: { ...c.model, rounds: 25, maxDepth: 4, learningRate: 0.3, earlyStoppingRounds: 0 } }, {});
  model = run.fitted.model as GbdtModel;
  want = await family.predict(run.fitted.model, run.prepared);
  const bundle = await family.toOnnx(run.fitted.model, run.prepared, { modelId: 'explain_v1', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
  writeFileSync(join(dir, 'model.onnx'), bundle.model);
  for (const [name, data] of Object.entries(bundle.files)) writeFileSync(join(dir, name), data);
  const raw = Papa.parse<string[]>(readSample('essays.csv'), { skipEmptyLines: 'greedy' }).data;
  const validation = (run.prepared as GbdtHoldoutData).split.validation;
  rows = validation.length;
  input = join(dir, 'validation.csv');
  writeFileSync(input, Papa.unparse([raw[0], ...Array.from(validation, (r) => raw[r + 1])], { newline: '\n' }));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function explain(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runExplain(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('kiln explain', () => {
  it('from the raw validation rows: base + Σ contributions is each row margin, and the margins give the model its predictions back', async () => {
    const r = await explain(['--model', join(dir, 'model.onnx'), '--input', input, '--out', join(dir, 'x'), '--batch-rows', '50']);
    expect(r.code, r.err).toBe(0);
    const [header, ...lines] = Papa.parse<string[]>(readFileSync(join(dir, 'x', 'contributions.csv'), 'utf8').trim()).data;
    expect(header.slice(0, 3)).toEqual(['row', 'output', 'base']);
    expect(header.slice(3, -1)).toEqual(model.featureNames);
    expect(lines).toHaveLength(rows * model.outputs);
    const margins = new Float64Array(lines.length);
    lines.forEach((l, i) => {
      const nums = l.slice(2).map(Number);
      const sum = nums.slice(0, -1).reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - nums[nums.length - 1])).toBeLessThan(1e-9);
      margins[i] = nums[nums.length - 1];
    });
    const got = outputsFromRaw(model, margins);
    const expected = want.probabilities ?? want.prediction;
    for (let i = 0; i < expected.length; i++) expect(Math.abs(got[i] - expected[i]), `output ${i}`).toBeLessThan(1e-5);
    const summary = Papa.parse<string[]>(readFileSync(join(dir, 'x', 'summary.csv'), 'utf8').trim()).data;
    expect(summary[0]).toEqual(['kind', 'name', 'output', 'mean_abs_contribution']);
    expect(summary.filter((s) => s[0] === 'feature')).toHaveLength(model.featureNames.length * model.outputs);
    expect(JSON.parse(r.out).rows).toBe(rows);
  });

  it('bad input exits 2 naming what is wrong, and leaves no half-written file', async () => {
    const noTrees = await explain(['--model', join(dir, 'nowhere'), '--input', input, '--out', join(dir, 'y')]);
    expect(noTrees.code).toBe(2);
    expect(noTrees.err).toMatch(/nowhere: not found; kiln explain reads the gbdt-model\.json/);
    const header = Papa.parse<string[]>(readFileSync(input, 'utf8')).data[0];
    const dropped = join(dir, 'dropped.csv');
    writeFileSync(dropped, `${header.filter((h) => h !== model.featureNames[0]).join(',')}\n`);
    const missing = await explain(['--model', dir, '--input', dropped, '--out', join(dir, 'z')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`missing column "${model.featureNames[0]}"`);
    const bad = join(dir, 'bad.csv');
    const lines = readFileSync(input, 'utf8').split('\n');
    const col = lines[0].split(',').indexOf(model.featureNames[0]);
    const cells = Papa.parse<string[]>(lines[2]).data[0];
    cells[col] = 'lots';
    writeFileSync(bad, [lines[0], lines[1], Papa.unparse([cells])].join('\n'));
    const r = await explain(['--model', dir, '--input', bad, '--out', join(dir, 'w')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/row 2 .*"lots" is not a number/);
    expect(existsSync(join(dir, 'w', 'contributions.csv.partial'))).toBe(false);
    expect(existsSync(join(dir, 'w', 'contributions.csv'))).toBe(false);
  });
});
