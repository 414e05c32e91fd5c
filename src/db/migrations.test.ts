import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { KilnDB } from './db';
import { loadFrame, loadStored, saveDataset, saveSchema, deleteDataset } from './datasets-repo';
import { markInterruptedRuns, putRun, appendMetrics, runSeries } from './runs-repo';
import { deleteRun } from './run-deletion';
import type { RunRecord } from './records';
import { SCHEMA_VERSIONS } from './schema';
import { addLabels, deleteLabel, deletePoolLabels, poolLabels } from './labels-repo';
import { listEvents, moveAlias, registerVersion, rollbackAlias, setArchived, type NewVersion } from './registry-repo';
import { deleteSkillDictionary, listSkillDictionaries, saveSkillDictionary } from './skills-repo';
import { deleteSkillRun, listSkillRuns, reopenSkillRun, saveSkillRun } from './skill-runs-repo';
import { compactHits, compileDictionary, evaluateExtraction, extractSkills, STRATEGIES, type SkillDictionary } from '../ml/skills';

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
    expect(d.tables.map((t) => t.name).sort()).toEqual(['artifacts', 'checkpoints', 'datasetColumns', 'datasets', 'labels', 'modelEvents', 'models', 'pools', 'runMetrics', 'runs', 'settings', 'skillDictionaries', 'skillRuns']);
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

describe('schema v5', () => {
  it('opens a v4 database with runs, metrics, artifacts, pools and labels intact; runs get empty tags, indexed; checkpoints start empty', async () => {
    const name = `kiln-test-${++n}`;
    const v4 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.slice(0, 4)) v4.version(v.version).stores(v.stores);
    await v4.table('runs').bulkPut([run('r1', 'completed'), { ...run('r2', 'completed'), family: 'gbdt' }]);
    await v4.table('runMetrics').put({ runId: 'r1', kind: 'epoch', seq: 1, trainLoss: 0.5, valLoss: 0.6, valMetrics: { accuracy: 0.8 }, numTensors: 3, elapsedMs: 10, samplesPerSec: 1 });
    await v4.table('artifacts').put({ id: 'r1:calibrator', runId: 'r1', kind: 'calibrator', data: { method: 'platt' }, createdAt: 1 });
    await v4.table('pools').put({ id: 'p', datasetId: 'ds' });
    await v4.table('labels').put({ id: 'l1', poolId: 'p', a: 'x', b: 'y', label: 1, reasonTags: [], labeledAt: 5, origin: 'random' });
    v4.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await d.runs.get('r1'))?.tags).toEqual([]);
    expect((await d.runs.get('r2'))?.family).toBe('gbdt');
    expect((await runSeries('r1', d)).epochs[0].valMetrics).toEqual({ accuracy: 0.8 });
    expect(await d.artifacts.count()).toBe(1);
    expect((await poolLabels('p', d)).map((l) => l.id)).toEqual(['l1']);
    expect(await d.models.count()).toBe(0);
    expect(await d.modelEvents.count()).toBe(0);
    expect(await d.checkpoints.count()).toBe(0);
    await d.checkpoints.put({ id: 'r1:latest', runId: 'r1', epoch: 5, createdAt: 1, bytes: 4, data: {} as Parameters<typeof d.checkpoints.put>[0]['data'] });
    expect((await d.checkpoints.where('runId').equals('r1').toArray()).map((c) => c.epoch)).toEqual([5]);
    await d.runs.update('r2', { tags: ['baseline', 'wine'] });
    expect((await d.runs.where('tags').equals('wine').toArray()).map((r) => r.id)).toEqual(['r2']);
  });
});

describe('schema v6', () => {
  it('opens a v5 database with its datasets, columns and runs intact; each dataset gets a schema of its stored types and no overrides', async () => {
    const name = `kiln-test-${++n}`;
    const v5 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.slice(0, 5)) v5.version(v.version).stores(v.stores);
    const stats = [{ name: 'x', dtype: 'numeric' }, { name: 'c', dtype: 'categorical' }];
    await v5.table('datasets').put({ id: 'ds', name: 'ds', fileName: 'ds.csv', source: 'file', origin: { kind: 'file', fileName: 'ds.csv' }, rowCount: 2, columnCount: 2, bytes: 1, stats, createdAt: 1 });
    await v5.table('datasetColumns').bulkPut([
      { datasetId: 'ds', index: 0, name: 'x', dtype: 'numeric', values: Float64Array.from([1, 2]) },
      { datasetId: 'ds', index: 1, name: 'c', dtype: 'categorical', values: ['a', 'b'] },
    ]);
    await v5.table('runs').put({ ...run('r1', 'completed'), tags: ['t'] });
    v5.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await d.datasets.get('ds'))?.schema).toEqual({ detected: { x: { dtype: 'numeric' }, c: { dtype: 'categorical' } }, overrides: {} });
    expect((await loadFrame('ds', d)).columns.map((c) => [c.name, c.dtype])).toEqual([
      ['x', 'numeric'],
      ['c', 'categorical'],
    ]);
    expect((await d.runs.get('r1'))?.tags).toEqual(['t']);
    expect((await d.runs.get('r1'))?.schema).toBeUndefined();
  });

  it('stores overrides and kept text; the dataset loads with its overrides, a run with its own schema', async () => {
    const d = fresh();
    opened.push(d);
    const frame = { rowCount: 2, columns: [{ name: 'p', dtype: 'numeric' as const, values: Float64Array.from([76.98, 1234.5]) }, { name: 'c', dtype: 'categorical' as const, values: ['a', 'b'] }] };
    const schema = { detected: { p: { dtype: 'numeric' as const, numberFormat: 'comma-dot' as const }, c: { dtype: 'categorical' as const } }, overrides: {} };
    await saveDataset({ id: 'ds', name: 'ds', fileName: 'ds.csv', source: 'file', origin: { kind: 'file', fileName: 'ds.csv' }, rowCount: 2, columnCount: 2, bytes: 10, stats: [], createdAt: 1, schema }, frame, d, { p: ['76,98', '1.234,5'] });
    await saveSchema('ds', { schema: { ...schema, overrides: { p: { type: 'categorical' }, c: { type: 'ignore' } } }, stats: [], columnCount: 1 }, d);
    const now = await loadFrame('ds', d);
    expect(now.columns.map((c) => [c.name, c.dtype, c.values])).toEqual([['p', 'categorical', ['76,98', '1.234,5']]]);
    // a run trained before the override re-reads the data as it was then
    const then = await loadFrame('ds', d, schema);
    expect(then.columns.map((c) => c.dtype)).toEqual(['numeric', 'categorical']);
    expect((await loadStored('ds', d)).rawText).toEqual({ p: ['76,98', '1.234,5'] });
  });
});

describe('schema v7', () => {
  it('opens a v6 database with its datasets, runs and labels intact and adds an empty skillDictionaries table', async () => {
    const name = `kiln-test-${++n}`;
    const v6 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.slice(0, 6)) v6.version(v.version).stores(v.stores);
    const schema = { detected: { t: { dtype: 'text' } }, overrides: {} };
    await v6.table('datasets').put({ id: 'ds', name: 'ds', fileName: 'ds.csv', source: 'file', origin: { kind: 'file', fileName: 'ds.csv' }, rowCount: 1, columnCount: 1, bytes: 1, stats: [], createdAt: 1, schema });
    await v6.table('runs').put({ ...run('r1', 'completed'), tags: ['t'] });
    await v6.table('labels').put({ id: 'l1', poolId: 'p', a: 'x', b: 'y', label: 1, reasonTags: [], labeledAt: 5 });
    v6.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await d.datasets.get('ds'))?.schema).toEqual(schema);
    expect((await d.runs.get('r1'))?.tags).toEqual(['t']);
    expect(await d.labels.count()).toBe(1);
    expect(await d.skillDictionaries.count()).toBe(0);
  });

  it('keeps dictionaries with their content version, newest edit first; a delete removes one', async () => {
    const d = fresh();
    opened.push(d);
    const a = await saveSkillDictionary('a', { name: 'ml', skills: [{ name: 'scikit-learn', aliases: ['sklearn'] }] }, d, 10);
    await saveSkillDictionary('b', { name: 'sales', skills: [{ name: 'CRM', aliases: ['Salesforce'], category: 'sales' }] }, d, 20);
    expect(a.version).toMatch(/^sd1-/);
    const edited = await saveSkillDictionary('a', { name: 'ml', skills: [{ name: 'scikit-learn', aliases: ['sklearn', 'scikit learn'] }] }, d, 30);
    expect(edited.createdAt).toBe(10);
    expect(edited.version).not.toBe(a.version);
    expect((await listSkillDictionaries(d)).map((x) => [x.id, x.skills[0].aliases.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    await deleteSkillDictionary('b', d);
    expect((await listSkillDictionaries(d)).map((x) => x.id)).toEqual(['a']);
  });
});

describe('schema v8', () => {
  const dict: SkillDictionary = { name: 'ml', skills: [{ name: 'scikit-learn', aliases: ['sklearn'], category: 'datascience' }, { name: 'Kubernetes', aliases: ['k8s'] }, { name: 'SQL', aliases: [] }] };
  const texts = ['We use sklearn and SQL; Kubrenetes is a plus.', 'Friendly team.', null];
  const frame = { rowCount: 3, columns: [{ name: 'posting', dtype: 'text' as const, values: texts }] };
  const dataset = { id: 'ds', name: 'postings.csv', fileName: 'postings.csv', source: 'file' as const, origin: { kind: 'file' as const, fileName: 'postings.csv' }, rowCount: 3, columnCount: 1, bytes: 1, stats: [], createdAt: 1 };
  const extract = () => texts.map((t) => (t === null ? [] : extractSkills(compileDictionary(dict), t)));
  const record = (id: string, createdAt: number, withGold: boolean) => {
    const hits = extract();
    return { id, createdAt, datasetId: 'ds', datasetName: 'postings.csv', column: 'posting', goldColumn: withGold ? 'gold' : null, dictionaryId: 'sd-1', dictionaryName: 'ml', dictionaryVersion: 'sd1-0000000000abcd', dictionary: dict, strategies: [...STRATEGIES], rowCount: 3, hits: compactHits(hits), metrics: withGold ? evaluateExtraction([['scikit-learn', 'SQL', 'Kubernetes'], ['Docker'], []], hits) : null };
  };

  it('opens a v7 database with its dictionaries, datasets and runs intact and adds an empty skillRuns table', async () => {
    const name = `kiln-test-${++n}`;
    const v7 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.slice(0, 7)) v7.version(v.version).stores(v.stores);
    await v7.table('skillDictionaries').put({ id: 'sd-1', name: 'ml', skills: dict.skills, version: 'sd1-0000000000abcd', createdAt: 1, updatedAt: 2 });
    await v7.table('datasets').put(dataset);
    await v7.table('runs').put({ ...run('r1', 'completed'), tags: ['t'] });
    v7.close();
    const d = new KilnDB(name);
    opened.push(d);
    expect((await listSkillDictionaries(d)).map((x) => [x.id, x.skills.length, x.version])).toEqual([['sd-1', 3, 'sd1-0000000000abcd']]);
    expect((await d.datasets.get('ds'))?.name).toBe('postings.csv');
    expect((await d.runs.get('r1'))?.tags).toEqual(['t']);
    expect(await d.skillRuns.count()).toBe(0);
    expect(await listSkillRuns(d)).toEqual([]);
  });

  it('keeps extraction runs newest first, reopens one with the same hits and report, deletes one', async () => {
    const d = fresh();
    opened.push(d);
    await saveDataset(dataset, frame, d);
    await saveSkillRun({ ...record('old', 10, false), strategies: ['exact'] }, d);
    await saveSkillRun(record('new', 20, true), d);
    const list = await listSkillRuns(d);
    expect(list.map((r) => [r.id, r.dictionaryName, r.dictionaryVersion, r.hitCount, r.f1Micro])).toEqual([
      ['new', 'ml', 'sd1-0000000000abcd', 3, 6 / 7],
      ['old', 'ml', 'sd1-0000000000abcd', 3, null],
    ]);
    const back = await reopenSkillRun('new', d);
    // exactly what extractSkills gave, categories from the run's snapshot, and the texts from the dataset
    expect(back.hits).toStrictEqual(extract());
    expect(back.hits[0].find((h) => h.skill === 'scikit-learn')).toMatchObject({ category: 'datascience', spans: [{ text: 'sklearn', term: 'sklearn', strategies: ['alias', 'normalized'], confidence: 0.95 }] });
    expect(back.hits[0].find((h) => h.skill === 'Kubernetes')?.spans[0]).toMatchObject({ strategies: ['fuzzy'], edits: 1, confidence: 0.8 });
    expect(back.texts).toEqual(texts);
    expect(back.textsNote).toBeNull();
    expect(back.record.metrics?.perDocument[1]).toMatchObject({ misses: ['Docker'], falseHits: [] });
    expect(back.record.dictionary).toEqual(dict);

    // the dataset deleted and another imported under its id: hits and metrics still read, the texts are not passed off as the run's
    await deleteDataset('ds', d);
    expect((await reopenSkillRun('new', d)).textsNote).toMatch(/dataset "postings.csv" or its column "posting" is no longer stored/);
    await saveDataset(dataset, { rowCount: 3, columns: [{ name: 'posting', dtype: 'text', values: ['Other words here, nothing else at all.', 'x', 'y'] }] }, d);
    const changed = await reopenSkillRun('new', d);
    expect(changed.texts).toBeNull();
    expect(changed.textsNote).toMatch(/now holds other rows/);
    expect(changed.hits).toStrictEqual(extract());

    expect((await deleteSkillRun('old', d))?.id).toBe('old');
    expect(await deleteSkillRun('old', d)).toBeNull();
    expect((await listSkillRuns(d)).map((r) => r.id)).toEqual(['new']);
    await expect(reopenSkillRun('old', d)).rejects.toThrow("skills extraction run old is not in this browser's storage");
  });
});

describe('registry', () => {
  const version = (runId: string): NewVersion => ({ modelType: 'wine_classifier', suffix: null, runId, runName: runId, family: 'tabular', note: '', config: { lr: runId }, metrics: { accuracy: 0.9 }, calibration: null });

  it('numbers versions, appends alias moves, rolls production back, keeps registered runs from deletion', async () => {
    const d = fresh();
    opened.push(d);
    for (const id of ['a', 'b']) {
      await putRun({ ...run(id, 'completed'), epochsRun: 3, finalMetrics: { accuracy: 0.9 } }, d);
      await d.artifacts.bulkPut((['tabular-model', 'preprocess', 'predictions'] as const).map((kind) => ({ id: `${id}:${kind}`, runId: id, kind, data: {}, createdAt: 1 }) as unknown as Parameters<typeof d.artifacts.put>[0]));
    }
    const v1 = await registerVersion(version('a'), 'minor', d);
    const v2 = await registerVersion(version('b'), 'minor', d);
    expect([v1.id, v2.id]).toEqual(['wine_classifier_v1.0', 'wine_classifier_v1.1']);
    expect((await registerVersion({ ...version('b'), suffix: 'big' }, 'major', d)).id).toBe('wine_classifier_v2.0-big');
    await moveAlias('wine_classifier', 'production', v2.id, 'ship it', 'move', d);
    await expect(moveAlias('wine_classifier', 'production', v2.id, '', 'move', d)).rejects.toThrow('production already points to wine_classifier_v1.1');
    await expect(moveAlias('wine_classifier', 'production', 'nope_v1.0', '', 'move', d)).rejects.toThrow('nope_v1.0 is not a registered version');
    const back = await rollbackAlias('wine_classifier', 'production', 'bad AUC', d);
    expect([back.from, back.to, back.kind]).toEqual([v2.id, v1.id, 'rollback']);
    const events = await listEvents(d);
    expect(events.map((e) => [e.from, e.to, e.note])).toEqual([
      [null, v2.id, 'ship it'],
      [v2.id, v1.id, 'bad AUC'],
    ]);
    expect(events[1].at).toBeGreaterThanOrEqual(events[0].at);
    await expect(deleteRun('a', d)).rejects.toThrow(/while production → wine_classifier_v1.0 points at its version/);
    expect(await d.runs.get('a')).toBeDefined();
    await setArchived(v1.id, true, d);
    await expect(moveAlias('wine_classifier', 'staging', v1.id, '', 'move', d)).rejects.toThrow(/archived/);
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

  it("keeps a boolean column's own spellings (yes/no) through a save and a load", async () => {
    const d = fresh();
    opened.push(d);
    const frame = { rowCount: 2, columns: [{ name: 'churned', dtype: 'boolean' as const, values: Float64Array.from([1, 0]), levels: ['no', 'yes'] as [string, string] }] };
    await saveDataset({ id: 'b', name: 'b', fileName: 'b.csv', source: 'file', origin: { kind: 'file', fileName: 'b.csv' }, rowCount: 2, columnCount: 1, bytes: 10, stats: [], createdAt: 1 }, frame, d);
    const back = await loadFrame('b', d);
    expect(back.columns[0]).toMatchObject({ dtype: 'boolean', levels: ['no', 'yes'] });
  });

  it('marks runs left running as interrupted and keeps their curves; deleting a run removes its series and checkpoints', async () => {
    const d = fresh();
    opened.push(d);
    await putRun(run('a'), d);
    await putRun(run('b', 'completed'), d);
    await appendMetrics([{ runId: 'a', kind: 'epoch', seq: 1, trainLoss: 1, valLoss: 1, valMetrics: {}, numTensors: 10, elapsedMs: 5, samplesPerSec: 1 }], d);
    expect(await markInterruptedRuns(d)).toBe(1);
    expect((await d.runs.get('a'))?.status).toBe('interrupted');
    expect((await runSeries('a', d)).epochs).toHaveLength(1);
    await d.checkpoints.bulkPut([
      { id: 'a:latest', runId: 'a', epoch: 3, createdAt: 1, bytes: 4, data: {} as Parameters<typeof d.checkpoints.put>[0]['data'] },
      { id: 'b:latest', runId: 'b', epoch: 3, createdAt: 1, bytes: 4, data: {} as Parameters<typeof d.checkpoints.put>[0]['data'] },
    ]);
    await deleteRun('a', d);
    expect(await d.runMetrics.count()).toBe(0);
    expect((await d.checkpoints.toArray()).map((c) => c.runId)).toEqual(['b']);
    expect(await d.runs.count()).toBe(1);
  });
});
