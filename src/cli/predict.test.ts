import * as tf from '@tensorflow/tfjs';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../ml/data/parse-file';
import { columnStats } from '../ml/data/column-stats';
import type { Frame } from '../ml/data/frame';
import type { AnyModelFamily, Outputs } from '../ml/models/family';
import { runFamily, outputsDiff } from '../ml/models/lifecycle';
import { tabularFamily, type TabularModel, type TabularPrepared } from '../ml/models/tabular/family';
import { gbdtFamily } from '../ml/models/gbdt/family';
import type { GbdtHoldoutData } from '../ml/models/gbdt/train-gbdt';
import { tabularToOnnx } from '../ml/onnx/tabular-onnx';
import { GraphBuilder, FLOAT } from '../ml/onnx/graph-builder';
import { parseCalibrator } from '../ml/calibration/calibrator';
import { readSample, sampleBytes } from '../test-utils/fixtures';
import { runPredict } from './predict';

const META = { modelId: 'predict_v1', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' };
const dir = mkdtempSync(join(tmpdir(), 'kiln-predict-'));

interface Trained {
  model: string;
  /** the validation rows' raw cells, header first */
  rows: string[][];
  want: Outputs;
  labels: string[];
}

const trained: Record<string, Trained> = {};
let wineTabular: { model: TabularModel; prepared: TabularPrepared };

const info = (name: string, frame: Frame) => ({ name, columns: frame.columns.map(columnStats) });

/** Trains through the generic lifecycle, as families.test.ts does, and keeps the validation rows as the file wrote them. */
async function train(id: string, family: AnyModelFamily, sample: string, config: (d: ReturnType<typeof info>) => unknown, validation: (p: unknown) => Int32Array | number[], labels: (p: unknown) => string[]) {
  const frame = await parseFile(sample, sampleBytes(sample));
  const run = await runFamily(family, { frame, source: sample }, config(info(sample, frame)), { engine: { kind: 'tfjs' } });
  const want = await family.predict(run.fitted.model, run.prepared);
  const bundle = await family.toOnnx(run.fitted.model, run.prepared, META);
  const model = join(dir, `${id}.onnx`);
  writeFileSync(model, bundle.model);
  const raw = Papa.parse<string[]>(readSample(sample), { skipEmptyLines: 'greedy' }).data;
  trained[id] = { model, rows: [raw[0], ...Array.from(validation(run.prepared), (r) => raw[r + 1])], want, labels: labels(run.prepared) };
  return run;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const wine = await train(
    'tabular',
    tabularFamily as unknown as AnyModelFamily,
    'wine.csv',
    (d) => {
      const c = tabularFamily.defaults(d);
      return { ...c, model: { ...c.model, hiddenUnits: [8], epochs: 4, earlyStopping: { ...c.model.earlyStopping, enabled: false } } };
    },
    (p) => (p as TabularPrepared).data.split.validation,
    (p) => (p as TabularPrepared).data.labels ?? [],
  );
  wineTabular = { model: wine.fitted.model as TabularModel, prepared: wine.prepared as TabularPrepared };
  await train(
    'gbdt',
    gbdtFamily as unknown as AnyModelFamily,
    'essays.csv',
    (d) => {
      const c = gbdtFamily.defaults(d);
      return { ...c, model: { ...c.model, rounds: 20, maxDepth: 3, learningRate: 0.3, rowSubsample: 0.8, colSubsample: 0.8, earlyStoppingRounds: 0 } };
    },
    (p) => (p as GbdtHoldoutData).split.validation,
    (p) => (p as GbdtHoldoutData).labels ?? [],
  );
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (rows: string[][]) => Papa.unparse(rows, { newline: '\n' });

async function predict(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runPredict(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** The output CSV's graph outputs, row-major, named as family.predict names them. */
function parsed(text: string, labels: string[], prefix = 'p_'): { header: string[]; outputs: Outputs; rows: string[][] } {
  const [header, ...rows] = Papa.parse<string[]>(text.trim()).data;
  const col = (name: string) => header.indexOf(name);
  const outputs: Outputs = {};
  const probs = labels.map((l) => col(`${prefix}${l}`));
  if (probs.length && probs.every((c) => c >= 0)) outputs.probabilities = Float64Array.from(rows.flatMap((r) => probs.map((c) => Number(r[c]))));
  if (col('prediction') >= 0) outputs.prediction = Float64Array.from(rows, (r) => Number(r[col('prediction')]));
  return { header, outputs, rows };
}

describe.each(['tabular', 'gbdt'])('kiln predict on a %s graph', (id) => {
  it('scores the validation rows from their raw cells as family.predict does (≤ 1e-5)', async () => {
    const t = trained[id];
    const input = join(dir, `${id}-validation.csv`);
    writeFileSync(input, csv(t.rows));
    const outFile = join(dir, `${id}-preds.csv`);
    const r = await predict(['--model', t.model, '--input', input, '--out', outFile, '--batch-rows', '7']);
    expect(r.err).toMatch(new RegExp(`${t.rows.length - 1} rows scored`));
    expect(r.code).toBe(0);
    const got = parsed(readFileSync(outFile, 'utf8'), t.labels);
    expect(got.rows.length).toBe(t.rows.length - 1);
    expect(got.header).toContain('label');
    expect(outputsDiff(got.outputs, t.want)).toBeLessThanOrEqual(1e-5);
    expect(new Set(got.rows.map((row) => row.join())).size, 'a model that tells rows apart').toBeGreaterThan(10);
  });

  it('exits 2 naming a missing column', async () => {
    const t = trained[id];
    const drop = t.rows[0].indexOf(id === 'tabular' ? 'flavanoids' : 'word_count');
    const input = join(dir, `${id}-missing.csv`);
    writeFileSync(input, csv(t.rows.map((row) => row.filter((_, c) => c !== drop))));
    const r = await predict(['--model', t.model, '--input', input]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`missing column "${t.rows[0][drop]}"`);
    expect(r.out).toBe('');
  });

  it('exits 2 naming the row, line and column of a cell that is not a number', async () => {
    const t = trained[id];
    const name = id === 'tabular' ? 'magnesium' : 'word_count';
    const c = t.rows[0].indexOf(name);
    // a note the model does not read, quoted over two lines in row 2: row 5 then ends on line 7
    const rows = t.rows.map((row, i) => [...(i === 5 ? row.map((v, j) => (j === c ? 'lots' : v)) : row), i === 0 ? 'note' : i === 2 ? 'two\nlines' : '']);
    const input = join(dir, `${id}-bad.csv`);
    writeFileSync(input, csv(rows));
    const out = join(dir, 'never.csv');
    const r = await predict(['--model', t.model, '--input', input, '--out', out, '--batch-rows', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${input}, row 5 (line 7), column ${c + 1} ("${name}"): "lots" is not a number`);
    expect(existsSync(out) || existsSync(`${out}.partial`), 'a failed run leaves no half-written file').toBe(false);
  });
});

describe('kiln predict', () => {
  it('reads the studio\'s other spellings as the studio does (a tree model on essays): true/false booleans, NA for missing', async () => {
    const t = trained.gbdt;
    const flag = t.rows[0].indexOf('has_conclusion');
    const spelled = (words: Record<string, string>) => t.rows.map((row, i) => (i === 0 ? row : row.map((v, c) => (c === flag ? (words[v] ?? v) : v === '' ? 'NA' : v))));
    const plain = join(dir, 'essays-plain.csv');
    const words = join(dir, 'essays-words.csv');
    writeFileSync(plain, csv(spelled({})));
    writeFileSync(words, csv(spelled({ '1': 'True', '0': 'False' })));
    expect(flag).toBeGreaterThan(0);
    const a = await predict(['--model', t.model, '--input', plain]);
    const b = await predict(['--model', t.model, '--input', words]);
    expect(a.code).toBe(0);
    expect(outputsDiff(parsed(a.out, t.labels).outputs, t.want), 'NA reads as the missing cell it replaced').toBeLessThanOrEqual(1e-5);
    expect(b.out).toBe(a.out);
  });

  it('reads Parquet row groups and matches the CSV scoring', async () => {
    const t = trained.tabular;
    const [header, ...rows] = t.rows;
    const file = join(dir, 'wine.parquet');
    const columnData = header.map((name, c) => (name === 'cultivar' ? { name, data: rows.map((r) => r[c]), type: 'STRING' as const } : { name, data: rows.map((r) => Number(r[c])), type: 'DOUBLE' as const }));
    writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 10 })));
    const r = await predict(['--model', t.model, '--input', file, '--batch-rows', '4']);
    expect(r.code).toBe(0);
    expect(outputsDiff(parsed(r.out, t.labels).outputs, t.want)).toBeLessThanOrEqual(1e-5);
  });

  it('applies a calibrator as the exported graph does, and passes an --id column through', async () => {
    const { model, prepared } = wineTabular;
    const d = prepared.data;
    const cal = parseCalibrator(JSON.stringify({ format: 'kiln.calibrator', version: 1, method: 'temperature', params: { temperature: 1.7, classes: 3 }, fitted_on: { rows: 30, split: 'validation', created_at: META.createdAt } }));
    const onnxFile = join(dir, 'wine-calibrated.onnx');
    writeFileSync(onnxFile, tabularToOnnx({ model: await tabularFamily.save(model), preprocess: d.preprocess, labels: d.labels, classes: d.classes, yMean: d.yMean, yStd: d.yStd, calibrator: cal, ...META }));
    const calFile = join(dir, 'calibrator.json');
    writeFileSync(calFile, JSON.stringify(cal));
    const t = trained.tabular;
    const input = join(dir, 'wine-ids.csv');
    writeFileSync(input, csv(t.rows.map((row, i) => [i === 0 ? 'wine_id' : `w${i}`, ...row])));
    const r = await predict(['--model', onnxFile, '--calibrator', calFile, '--input', input, '--id', 'wine_id']);
    expect(r.code).toBe(0);
    const got = parsed(r.out, t.labels);
    expect(got.header[0]).toBe('wine_id');
    expect(got.rows[1][0]).toBe('w2');
    const inGraph = parsed(r.out, t.labels, 'p_calibrated_').outputs;
    expect(outputsDiff(got.outputs, inGraph)).toBeLessThanOrEqual(1e-5);
    expect(outputsDiff(got.outputs, t.want)).toBeGreaterThan(1e-3);
  });

  it('exits 2 naming the inputs of a graph that does not take table columns', async () => {
    const g = new GraphBuilder();
    g.node('Identity', [g.input('tokens', FLOAT, ['batch', 4])], { outputs: ['y'] });
    g.output('y', FLOAT, ['batch', 4]);
    const file = join(dir, 'tokens.onnx');
    writeFileSync(file, g.build({ name: 'other', docString: '', producerVersion: 'test', metadata: {} }));
    const r = await predict(['--model', file, '--input', join(dir, 'tabular-validation.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"tokens"');
    const missing = await predict(['--model', join(dir, 'nope.onnx'), '--input', 'x.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.onnx');
  });

  it('streams a 1,000,000-row file generated here in batches of 10,000 and writes every row (peak memory: npm run bench:predict)', async () => {
    const t = trained.tabular;
    const header = t.rows[0];
    const input = join(dir, 'big.csv');
    const ws = createWriteStream(input);
    ws.write(`${header.join(',')}\n`);
    let chunk = '';
    for (let i = 0; i < 1_000_000; i++) {
      chunk += `${t.rows[1 + (i % (t.rows.length - 1))].join(',')}\n`;
      if (chunk.length > 1 << 20) {
        if (!ws.write(chunk)) await once(ws, 'drain');
        chunk = '';
      }
    }
    ws.end(chunk);
    await once(ws, 'finish');
    const outFile = join(dir, 'big-preds.csv');
    const r = await predict(['--model', t.model, '--input', input, '--out', outFile, '--batch-rows', '10000']);
    expect(r.code).toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(100);
    expect(r.err).toContain('1000000 rows scored');
    const text = readFileSync(outFile, 'utf8');
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    expect(lines).toBe(1_000_001);
  }, 300_000);
});
