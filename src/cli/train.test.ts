import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../proxy/test/server-process';
import { careerPaths } from '../../proxy/src/demo/careers';
import { cellText, type Frame } from '../ml/data/frame';
import { historyFrame } from '../ml/models/sequence/test-data';
import { syntheticPairs, syntheticPool } from '../ml/models/ranker/synthetic';
import { main } from './main';

/**
 * Acceptance 2 of "Headless Kiln": `kiln recipe init` + `kiln train` on each of the five families,
 * from files and from the demo tables through the Kiln server on its embedded database; bad
 * recipes, missing columns and unknown families exit 2 with a message naming the field.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLES = resolve(ROOT, 'public/samples');

async function kiln(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function csv(frame: Frame): string {
  const q = (s: string | null) => (s === null ? '' : /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [frame.columns.map((c) => q(c.name)).join(',')];
  for (let r = 0; r < frame.rowCount; r++) lines.push(frame.columns.map((c) => q(cellText(c, r))).join(','));
  return `${lines.join('\n')}\n`;
}

/** Shrinks a recipe's training to a few epochs or rounds, so five families train in seconds. */
function quick(path: string): void {
  const r = JSON.parse(readFileSync(path, 'utf8')) as { config: Record<string, unknown> };
  const shrink = (o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'epochs' && typeof v === 'number') o[k] = Math.min(v, 3);
      else if (k === 'rounds' && typeof v === 'number') o[k] = Math.min(v, 10);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v)) shrink(v as Record<string, unknown>);
    }
  };
  shrink(r.config);
  writeFileSync(path, JSON.stringify(r));
}

const dir = mkdtempSync(join(tmpdir(), 'kiln-train-'));

async function initAndTrain(name: string, init: string[], train: string[] = []): Promise<Record<string, number>> {
  const recipe = join(dir, `${name}.json`);
  const made = await kiln('recipe', 'init', ...init, '--out', recipe);
  expect(made.code, made.err).toBe(0);
  quick(recipe);
  const r = await kiln('train', '--recipe', recipe, '--out', join(dir, name), ...train);
  expect(r.code, r.err).toBe(0);
  for (const f of ['model.onnx', 'model-card.md', 'metadata.json', 'metrics.json', 'recipe.json', 'run.json']) expect(readFileSync(join(dir, name, f)).byteLength, f).toBeGreaterThan(0);
  const metrics = (JSON.parse(readFileSync(join(dir, name, 'metrics.json'), 'utf8')) as { metrics: Record<string, number> }).metrics;
  expect(Object.keys(metrics).length).toBeGreaterThan(0);
  return metrics;
}

describe('kiln train from files', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'careers.csv'), csv(historyFrame(careerPaths(300, 11))));
    const items = syntheticPool(120, 6, 5);
    const pool: Frame = {
      rowCount: items.size,
      columns: [{ name: 'item_id', dtype: 'id', values: Array.from({ length: items.size }, (_, i) => `it${i}`) }, ...Array.from({ length: items.dim }, (_, j) => ({ name: `f${j}`, dtype: 'numeric' as const, values: Float64Array.from({ length: items.size }, (_, i) => items.features[i * items.dim + j]) }))],
    };
    writeFileSync(join(dir, 'items.csv'), csv(pool));
    const p = syntheticPairs(items, 400, 0.1, 3);
    writeFileSync(join(dir, 'labels.csv'), `id,item_a,item_b,label\n${Array.from(p.y, (y, k) => `${k},it${p.a[k]},it${p.b[k]},${y}`).join('\n')}\n`);
  });

  it('tabular (wine), trees (essays), careers, ranker (items + labels): each trains and writes its bundle', async () => {
    const wine = await initAndTrain('wine', ['--family', 'tabular', '--data', join(SAMPLES, 'wine.csv')]);
    expect(wine.accuracy).toBeGreaterThan(0.5);
    // the engine's kernels split across worker_threads give the same run as one thread
    const threaded = await kiln('train', '--recipe', join(dir, 'wine.json'), '--out', join(dir, 'wine-2t'), '--threads', '2');
    expect(threaded.code, threaded.err).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'wine-2t/metrics.json'), 'utf8')) as { metrics: unknown }).metrics).toEqual(wine);
    const essays = await initAndTrain('essays', ['--family', 'gbdt', '--data', join(SAMPLES, 'essays.csv')]);
    expect(essays.accuracy).toBeGreaterThan(0);
    const careers = await initAndTrain('careers', ['--family', 'sequence', '--data', join(dir, 'careers.csv')]);
    expect(careers.top1).toBeGreaterThan(0);
    const ranker = await initAndTrain('ranker', ['--family', 'ranker', '--data', `items=${join(dir, 'items.csv')}`, '--data', `labels=${join(dir, 'labels.csv')}`]);
    expect(ranker.pairwise_accuracy).toBeGreaterThan(0.6);
  }, 120_000);

  it('a recipe with a calibration fits it on the validation rows, as the studio calibration panel does, and writes calibrator.json', async () => {
    const r = JSON.parse(readFileSync(join(dir, 'wine.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'wine-cal.json'), JSON.stringify({ ...r, calibration: { method: 'temperature' } }));
    const out = await kiln('train', '--recipe', join(dir, 'wine-cal.json'), '--out', join(dir, 'wine-cal'));
    expect(out.code, out.err).toBe(0);
    const cal = JSON.parse(readFileSync(join(dir, 'wine-cal/calibrator.json'), 'utf8')) as { format: string; method: string; params: { temperature: number; classes: number }; fitted_on: { split: string; rows: number; classes: string[] } };
    expect(cal).toMatchObject({ format: 'kiln.calibrator', method: 'temperature', params: { classes: 3 }, fitted_on: { split: 'validation', classes: ['class_0', 'class_1', 'class_2'] } });
    expect(cal.fitted_on.rows).toBeGreaterThan(20);
    expect(cal.params.temperature).toBeGreaterThan(0);
  }, 60_000);

  it('bad input exits 2 naming the field: unknown family, a bad config field, a missing column, a missing source, not JSON', async () => {
    const good = JSON.parse(readFileSync(join(dir, 'wine.json'), 'utf8')) as Record<string, unknown> & { config: { model: Record<string, unknown>; task: Record<string, unknown> } };
    const write = (name: string, v: unknown) => {
      writeFileSync(join(dir, name), typeof v === 'string' ? v : JSON.stringify(v));
      return join(dir, name);
    };
    const cases: [string, unknown, RegExp][] = [
      ['family.json', { ...good, family: 'forest' }, /family: "forest" is not a model family \(use tabular, sequence, ranker, gbdt, matcher, cluster, sections\)/],
      ['lr.json', { ...good, config: { ...good.config, model: { ...good.config.model, learningRate: -1 } } }, /config: .*learning ?rate/i],
      ['column.json', { ...good, config: { ...good.config, task: { ...good.config.task, target: 'vintage' } } }, /no column "vintage" \(the recipe's config\.task\.target/],
      ['source.json', { ...good, data: {} }, /data\.data: missing/],
      ['engine.json', { ...good, engine: 'gpu' }, /engine: "gpu"/],
      ['calibration.json', { ...good, calibration: { method: 'magic' } }, /calibration\.method: "magic" \(use isotonic, platt or temperature\)/],
      ['binary-only.json', { ...good, calibration: { method: 'isotonic' } }, /calibration\.method isotonic: .*isotonic and platt take a binary task/],
      ['text.json', '{ not json', /not JSON/],
    ];
    for (const [name, v, re] of cases) {
      const r = await kiln('train', '--recipe', write(name, v), '--out', join(dir, 'bad'));
      expect(r.code, `${name}: ${r.err}`).toBe(2);
      expect(r.err, name).toMatch(re);
    }
    const unknown = await kiln('recipe', 'init', '--family', 'forest', '--data', join(SAMPLES, 'wine.csv'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--family: "forest" is not a model family/);
  }, 60_000);
});

describe('kiln train from the demo tables through the Kiln server (embedded database)', () => {
  let server: ServerProcess;
  let flags: string[];

  beforeAll(async () => {
    server = await startServerProcess({ KILN_SERVER_DATA_DIR: 'memory', KILN_PROXY_TOKEN: 'train-test-token', DATABASE_URL: '' });
    flags = ['--server', server.url, '--token', 'train-test-token'];
  }, 180_000);

  afterAll(async () => {
    server?.child.kill();
    await server?.exited;
  });

  it('all five families train from server tables', async () => {
    await initAndTrain('s-tabular', ['--family', 'tabular', '--table', 'essays', '--target', 'grade', ...flags], flags);
    await initAndTrain('s-gbdt', ['--family', 'gbdt', '--table', 'essays', '--target', 'grade', ...flags], flags);
    await initAndTrain('s-sequence', ['--family', 'sequence', '--table', 'candidates', ...flags], flags);
    await initAndTrain('s-ranker', ['--family', 'ranker', '--table', 'items=candidates', '--table', 'labels=pairwise_preferences', ...flags], flags);
    const m = await initAndTrain('s-matcher', ['--family', 'matcher', '--table', 'candidates=candidates', '--table', 'jobs=jobs', '--table', 'pairs=candidate_job_scores', ...flags], flags);
    expect(m.spearman).toBeGreaterThan(0.3);
    // a recipe naming a server table needs the server
    const r = await kiln('train', '--recipe', join(dir, 's-gbdt.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/data\.data is the server table "essays": pass --server URL/);
  }, 240_000);
});
