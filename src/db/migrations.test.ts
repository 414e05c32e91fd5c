import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { KilnDB } from './db';
import { loadFrame, saveDataset, deleteDataset } from './datasets-repo';
import { deleteRun, markInterruptedRuns, putRun, appendMetrics, runSeries } from './runs-repo';
import type { RunRecord } from './records';
import { SCHEMA_VERSIONS } from './schema';
import { addLabels, deleteLabel, deletePoolLabels, poolLabels } from './labels-repo';

// fake-indexeddb implements the IndexedDB spec in Node (it passes the W3C web-platform tests),
// so Dexie's real schema and upgrade code runs here; the e2e suite covers real Chromium storage.
let n = 0;
const fresh = () => new KilnDB(`kiln-test-${++n}`);
const opened: Dexie[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const run = (id: string, status: RunRecord['status'] = 'running'): RunRecord => ({
  family: 'tabular',
  id,
  name: id,
  datasetId: 'ds',
  datasetName: 'ds.csv',
  task: { target: 'y', kind: 'binary', features: ['x'] },
  split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 },
  preprocess: { standardize: true, maxCategories: 5, numericImpute: 'mean', missingIndicators: false },
  model: {} as Extract<RunRecord, { family: 'tabular' }>['model'],
  backendRequested: 'auto',
  status,
  startedAt: Date.now(),
});

describe('schema', () => {
  it('declares versions in increasing order, the newest being the one the app opens', async () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const d = fresh();
    opened.push(d);
    await d.open();
    expect(d.verno).toBe(versions[versions.length - 1]);
    expect(d.tables.map((t) => t.name).sort()).toEqual(['artifacts', 'datasetColumns', 'datasets', 'labels', 'pools', 'runMetrics', 'runs', 'settings']);
  });

  it('v1: a database created by version 1 opens with its data intact', async () => {
    const name = `kiln-test-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_VERSIONS[0].stores);
    await v1.table('runs').put(run('r-old', 'completed'));
    v1.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await d.runs.get('r-old'))?.status).toBe('completed');
  });
});

describe('v1 → v2', () => {
  it('gives every stored dataset an origin and indexes datasets by source', async () => {
    const name = `kiln-test-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_VERSIONS[0].stores);
    const base = { name: 'x', rowCount: 1, columnCount: 1, bytes: 1, stats: [], createdAt: 1 };
    await v1.table('datasets').bulkPut([
      { ...base, id: 'a', fileName: 'wine.csv', source: 'sample' },
      { ...base, id: 'b', fileName: 'mine.csv', source: 'file' },
    ]);
    v1.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await d.datasets.get('a'))?.origin).toEqual({ kind: 'sample', fileName: 'wine.csv' });
    expect((await d.datasets.get('b'))?.origin).toEqual({ kind: 'file', fileName: 'mine.csv' });
    expect((await d.datasets.where('source').equals('sample').toArray()).map((x) => x.id)).toEqual(['a']);
  });
});

describe('v2 → v3', () => {
  it('marks every stored run as tabular, keeps its fields, and indexes runs by family', async () => {
    const name = `kiln-test-${++n}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_VERSIONS[0].stores);
    v2.version(2).stores(SCHEMA_VERSIONS[1].stores);
    const { family: _f, ...old } = run('r-old', 'completed');
    await v2.table('runs').put({ ...old, finalMetrics: { accuracy: 0.9 } });
    v2.close();
    const d = new KilnDB(name);
    opened.push(d);
    const back = await d.runs.get('r-old');
    expect(back?.family).toBe('tabular');
    expect(back?.finalMetrics).toEqual({ accuracy: 0.9 });
    expect(back?.family === 'tabular' && back.task.target).toBe('y');
    expect((await d.runs.where('family').equals('tabular').toArray()).map((r) => r.id)).toEqual(['r-old']);
    expect(await d.runs.where('family').equals('sequence').count()).toBe(0);
  });
});

describe('schema v4', () => {
  it('opens a v3 database with its datasets and runs intact and adds empty pools and labels', async () => {
    const name = `kiln-test-${++n}`;
    const v3 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.slice(0, 3)) v3.version(v.version).stores(v.stores);
    await v3.table('runs').put({ ...run('r-seq', 'completed'), family: 'sequence' });
    await v3.table('datasets').put({ id: 'ds', name: 'ds', createdAt: 1, source: 'file', origin: { kind: 'file', fileName: 'ds.csv' } });
    v3.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await d.runs.get('r-seq'))?.family).toBe('sequence');
    expect((await d.datasets.get('ds'))?.origin).toEqual({ kind: 'file', fileName: 'ds.csv' });
    expect(await d.pools.count()).toBe(0);
    expect(await d.labels.count()).toBe(0);
  });

  it('keeps labels per pool in time order, deletes one or a whole pool\'s', async () => {
    const d = fresh();
    opened.push(d);
    const l = (id: string, poolId: string, t: number) => ({ id, poolId, a: 'x', b: 'y', label: 1 as const, reasonTags: [], labeledAt: t, origin: 'random' as const });
    await addLabels([l('3', 'p', 30), l('1', 'p', 10), l('2', 'q', 20), l('4', 'p', 20)], d);
    expect((await poolLabels('p', d)).map((x) => x.id)).toEqual(['1', '4', '3']);
    await deleteLabel('4', d);
    expect((await poolLabels('p', d)).map((x) => x.id)).toEqual(['1', '3']);
    expect(await deletePoolLabels('p', d)).toBe(2);
    expect((await poolLabels('q', d)).map((x) => x.id)).toEqual(['2']);
  });
});

describe('repositories', () => {
  it('round-trips a dataset with typed columns and deletes it with its columns', async () => {
    const d = fresh();
    opened.push(d);
    const frame = { rowCount: 2, columns: [{ name: 'x', dtype: 'numeric' as const, values: Float64Array.from([1, NaN]) }, { name: 'c', dtype: 'categorical' as const, values: ['a', null] }] };
    await saveDataset({ id: 'ds', name: 'ds', fileName: 'ds.csv', source: 'file', origin: { kind: 'file', fileName: 'ds.csv' }, rowCount: 2, columnCount: 2, bytes: 10, stats: [], createdAt: 1 }, frame, d);
    const back = await loadFrame('ds', d);
    expect(back.columns[0].values).toBeInstanceOf(Float64Array);
    expect(Number.isNaN((back.columns[0].values as Float64Array)[1])).toBe(true);
    expect(back.columns[1].values).toEqual(['a', null]);
    await deleteDataset('ds', d);
    expect(await d.datasetColumns.count()).toBe(0);
  });

  it('marks runs left running as interrupted and keeps their curves; deleting a run removes its series', async () => {
    const d = fresh();
    opened.push(d);
    await putRun(run('a'), d);
    await putRun(run('b', 'completed'), d);
    await appendMetrics([{ runId: 'a', kind: 'epoch', seq: 1, trainLoss: 1, valLoss: 1, valMetrics: {}, numTensors: 10, elapsedMs: 5, samplesPerSec: 1 }], d);
    expect(await markInterruptedRuns(d)).toBe(1);
    expect((await d.runs.get('a'))?.status).toBe('interrupted');
    expect((await runSeries('a', d)).epochs).toHaveLength(1);
    await deleteRun('a', d);
    expect(await d.runMetrics.count()).toBe(0);
    expect(await d.runs.count()).toBe(1);
  });
});
