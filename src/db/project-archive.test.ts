import 'fake-indexeddb/auto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { crc32, decodeValue, encodeValue, INLINE_MAX_BYTES } from './archive-codec';
import { KilnDB } from './db';
import { freshDatabases } from '../test-utils/test-db';
import { ArchiveError, exportProject, exportRun, importArchive, TABLE_NAMES, type ArchiveTables } from './project-archive';
import type { ArtifactRecord, CheckpointRecord, ModelEventRecord, ModelVersionRecord, RunRecord } from './records';
import { moveAlias, registerVersion } from './registry-repo';
import { summaryText } from '../features/project/archive-ui';
import { saveSkillDictionary } from './skills-repo';
import { compactHits, compileDictionary, extractSkills, evaluateExtraction, type SkillDictionary } from '../ml/skills';

const fresh = freshDatabases('kiln-archive');

const run = (id: string, over: Partial<RunRecord> = {}): RunRecord =>
  ({
    family: 'tabular',
    id,
    name: id,
    datasetId: `ds-${id}`,
    datasetName: `${id}.csv`,
    task: { target: 'y', kind: 'binary', features: ['x'] },
    split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 },
    preprocess: { standardize: true, maxCategories: 5, numericImpute: 'mean', missingIndicators: false },
    model: {},
    backendRequested: 'wasm',
    status: 'completed',
    startedAt: 1000 + id.length,
    finalMetrics: { accuracy: 0.9, log_loss: NaN },
    tags: ['a'],
    notes: undefined,
    ...over,
  }) as RunRecord;

const version = (id: string, runId: string): ModelVersionRecord => ({ id, modelType: 'wine', major: 1, minor: 0, suffix: null, runId, runName: runId, family: 'tabular', registeredAt: 5, note: '', archived: false, config: { lr: 0.01 }, metrics: { accuracy: 0.9 }, calibration: null });

/** Two runs on two datasets, each table filled, typed arrays of every size on both sides of the inline bound. */
async function seed(d: KilnDB): Promise<void> {
  const big = Float64Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? NaN : i / 3));
  for (const id of ['r1', 'r2']) {
    await d.datasets.put({ id: `ds-${id}`, name: id, fileName: `${id}.csv`, source: 'file', origin: { kind: 'file', fileName: `${id}.csv` }, rowCount: 1000, columnCount: 2, bytes: 1, stats: [], createdAt: 1 });
    await d.datasetColumns.bulkPut([
      { datasetId: `ds-${id}`, index: 0, name: 'x', dtype: 'numeric', values: big },
      { datasetId: `ds-${id}`, index: 1, name: 'c', dtype: 'categorical', values: Array.from({ length: 1000 }, (_, i) => (i % 5 ? `v${i % 3}` : null)) },
    ]);
    await d.runs.put(run(id));
    await d.runMetrics.bulkPut([1, 2, 3].map((seq) => ({ runId: id, kind: 'epoch' as const, seq, trainLoss: 1 / seq, valLoss: seq === 3 ? Infinity : -0, valMetrics: { acc: 0.5 }, numTensors: 4, elapsedMs: 5, samplesPerSec: 1 })));
    const data = { weights: [{ shape: [3], data: Float32Array.from([1, -0, NaN]) }, { shape: [500], data: new Float32Array(500).fill(0.5) }], rows: Int32Array.from([1, 2, 3]), ids: new BigInt64Array([1n, -2n]), missing: undefined, when: new Date(7) };
    await d.artifacts.put({ id: `${id}-model`, runId: id, kind: 'tabular-model', data, createdAt: 3 } as unknown as ArtifactRecord);
    await d.checkpoints.put({ id: `${id}:latest`, runId: id, epoch: 2, createdAt: 4, bytes: 12, data: { epoch: 2, weights: [Float32Array.from([1, 2, 3])], adam: { m: new Float32Array(300) } } } as unknown as CheckpointRecord);
  }
  await d.settings.bulkPut([{ key: 'proxy', value: { url: 'http://127.0.0.1:8787', token: 'secret' } }, { key: 'backend', value: 'webgpu' }, { key: 'comparePins', value: ['r1'] }]);
  await d.pools.put({ id: 'ds-r1', datasetId: 'ds-r1', spec: {} as never, reasonTags: ['quality'], target: 10, sampler: 'coverage', labeler: '', updatedAt: 1 });
  await d.labels.bulkPut([1, 2].map((i) => ({ id: `l${i}`, poolId: 'ds-r1', a: 'P1', b: `P${i + 1}`, label: 1 as const, reasonTags: [], labeledAt: i, origin: 'random' as const })));
  await d.models.bulkPut([version('wine_v1.0', 'r1'), version('wine_v2.0', 'r2')]);
  await d.modelEvents.bulkAdd([
    { modelType: 'wine', alias: 'production', from: null, to: 'wine_v1.0', at: 10, note: 'first', kind: 'move' },
    { modelType: 'wine', alias: 'production', from: 'wine_v1.0', to: 'wine_v2.0', at: 20, note: '', kind: 'move' },
  ]);
  const dict: SkillDictionary = { name: 'ml', skills: [{ name: 'scikit-learn', aliases: ['sklearn'], category: 'ds' }, { name: 'SQL', aliases: [] }] };
  const saved = await saveSkillDictionary('sd-1', dict, d, 30);
  const hits = ['sklearn and SQL', 'sql'].map((t) => extractSkills(compileDictionary(dict), t));
  await d.skillRuns.put({ id: 'sr-1', createdAt: 40, datasetId: 'ds-r1', datasetName: 'r1', column: 'c', goldColumn: 'g', dictionaryId: 'sd-1', dictionaryName: 'ml', dictionaryVersion: saved.version, dictionary: dict, strategies: ['exact', 'alias', 'normalized', 'fuzzy'], rowCount: 2, hits: compactHits(hits), metrics: evaluateExtraction([['scikit-learn', 'SQL'], []], hits) });
}

async function dump(d: KilnDB): Promise<ArchiveTables> {
  const out = {} as Record<string, unknown[]>;
  for (const t of TABLE_NAMES) out[t] = await d.table(t).toArray();
  return out as unknown as ArchiveTables;
}

describe('archive codec', () => {
  it('round-trips every typed array kind, special numbers, undefined vs missing and $ keys', () => {
    const v = {
      i8: Int8Array.from([-1, 2]),
      u8c: Uint8ClampedArray.from([255]),
      i16: Int16Array.from([-300]),
      u16: Uint16Array.from([65535]),
      u32: Uint32Array.from([4e9]),
      f32: new Float32Array(200).fill(-0),
      f64: Float64Array.from([NaN, Infinity, -Infinity, -0, 1e-300]),
      b64: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]),
      bu64: new BigUint64Array([2n ** 64n - 1n]),
      buf: Uint8Array.from([1, 2, 3]).buffer,
      view: new DataView(Uint8Array.from([9, 8]).buffer),
      sub: Float64Array.from([1, 2, 3, 4]).subarray(1, 3),
      nums: [NaN, -0, Infinity, undefined, null, 1.5],
      big: 12345678901234567890n,
      undef: undefined,
      $ref: { $typed: 'not a tag' },
      map: new Map<unknown, unknown>([[1, 'a'], ['k', new Set([NaN])]]),
      nested: { deep: [[Float32Array.from([0.1])]] },
    };
    const blobs: Uint8Array[] = [];
    const json = JSON.parse(JSON.stringify(encodeValue(v, blobs)));
    expect(blobs).toHaveLength(1); // only the 800-byte Float32Array is past the inline bound
    expect(blobs[0].byteLength).toBe(800);
    expect(json.$obj.f32).toEqual({ $typed: 'Float32Array', blob: 0 });
    const back = decodeValue(json, (i) => blobs[i]);
    expect(back).toStrictEqual(v);
    expect(Object.is((back as { f64: Float64Array }).f64[3], -0)).toBe(true);
    expect(Object.keys(back as object)).toContain('undef');
  });

  it('stores blobs little-endian and refuses a blob of the wrong length', () => {
    const blobs: Uint8Array[] = [];
    const j = encodeValue(Int32Array.from({ length: INLINE_MAX_BYTES }, (_, i) => i + 256), blobs);
    expect(Array.from(blobs[0].subarray(0, 4))).toEqual([0, 1, 0, 0]);
    expect(() => decodeValue(j, () => blobs[0].subarray(1))).toThrow(/whole number of Int32Array/);
  });

  it('computes the zip CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });
});

describe('project archive', () => {
  it('covers every table of the database: a new table needs a line in the archive too', () => {
    expect([...TABLE_NAMES].sort()).toEqual(fresh().tables.map((t) => t.name).sort());
  });

  it('export → delete the database → import gives back every table, typed arrays and NaN included', async () => {
    const name = 'kiln-archive-roundtrip';
    // not in `opened`: deleting it again after the test would close the second connection
    let d = new KilnDB(name);
    await seed(d);
    const before = await dump(d);
    const zip = await exportProject(d);
    const manifest = JSON.parse(strFromU8(unzipSync(zip)['manifest.json']));
    expect(manifest).toMatchObject({ format: 'kiln.project', version: 1, kind: 'project', schemaVersion: 8, kilnVersion: '0.1.0' });
    expect(manifest.counts).toMatchObject({ runs: 2, runMetrics: 6, datasetColumns: 4, checkpoints: 2, modelEvents: 2, settings: 1, skillDictionaries: 1, skillRuns: 1 });
    expect(Object.keys(manifest.entries).filter((p) => p.startsWith('blobs/'))).toHaveLength(6); // two 1000-row Float64 columns, two 500-float weights, two 300-float moment vectors
    await d.delete();
    d = fresh(name);
    const summary = await importArchive(zip, d);
    expect(summary).toEqual({ kind: 'project', runs: 2, datasets: 2, labels: 2, versions: 2, events: 2, eventsAlreadyPresent: 0, alreadyHere: { runs: 0, datasets: 0, labels: 0, versions: 0 }, skipped: [] });
    const after = await dump(d);
    // the proxy token and the machine's backend never leave the machine
    expect(after.settings).toEqual([{ key: 'comparePins', value: ['r1'] }]);
    expect({ ...after, settings: [] }).toStrictEqual({ ...before, settings: [] });
  });

  it('imports an archive written before skill dictionaries and runs existed (schema v6): those tables stay as they are', async () => {
    const src = fresh();
    await seed(src);
    const files = unzipSync(await exportProject(src));
    const m = JSON.parse(strFromU8(files['manifest.json']));
    const old = { ...m, schemaVersion: 6, tables: { ...m.tables, skillDictionaries: undefined, skillRuns: undefined }, counts: { ...m.counts, skillDictionaries: undefined, skillRuns: undefined } };
    const d = fresh();
    await saveSkillDictionary('mine', { name: 'mine', skills: [] }, d);
    const summary = await importArchive(zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(old)) }), d);
    expect(summary.runs).toBe(2);
    expect((await d.skillDictionaries.toArray()).map((x) => x.id)).toEqual(['mine']);
    expect(await d.skillRuns.count()).toBe(0);
  });

  it('importing twice adds no alias moves; a version id held here by another run is reported and skipped', async () => {
    const src = fresh();
    await seed(src);
    const zip = await exportProject(src);
    const d = fresh();
    await importArchive(zip, d);
    const again = await importArchive(zip, d);
    // nothing was new: the summary says so instead of "Imported 2 runs"
    expect(again.alreadyHere).toEqual({ runs: 2, datasets: 2, labels: 2, versions: 2 });
    expect(summaryText(again)).toBe('Nothing new: the 2 runs, 2 datasets, 2 labels, 2 model versions and 2 alias moves in the archive were already here (the archive\'s copies replaced them).');
    expect(again.events).toBe(0);
    expect(again.eventsAlreadyPresent).toBe(2);
    expect(await d.modelEvents.count()).toBe(2);

    const other = fresh();
    await other.runs.put(run('mine', { epochsRun: 3 }));
    // only a run with a stored model can be registered
    await other.artifacts.bulkPut((['tabular-model', 'preprocess', 'predictions'] as const).map((kind) => ({ id: `mine:${kind}`, runId: 'mine', kind, data: {}, createdAt: 1 }) as unknown as ArtifactRecord));
    await registerVersion({ modelType: 'wine', suffix: null, runId: 'mine', runName: 'mine', family: 'tabular', note: '', config: {}, metrics: {}, calibration: null }, 'major', other);
    await moveAlias('wine', 'production', 'wine_v1.0', 'local', 'move', other);
    const s = await importArchive(zip, other);
    expect(s.skipped.map((x) => [x.table, x.key.split(' ')[0]])).toEqual([
      ['models', 'wine_v1.0'],
      ['modelEvents', 'wine'],
    ]);
    expect(s.skipped[0].reason).toMatch(/already registered here for run "mine"/);
    expect((await other.models.get('wine_v1.0'))?.runId).toBe('mine');
    expect((await other.models.get('wine_v2.0'))?.runId).toBe('r2');
    const events = await other.modelEvents.orderBy('seq').toArray();
    expect(events.map((e) => [e.note, e.to])).toEqual([
      ['local', 'wine_v1.0'],
      ['', 'wine_v2.0'],
    ]);
  });

  it('brings back runs left running as interrupted', async () => {
    const src = fresh();
    await src.runs.put(run('live', { status: 'running' }));
    const d = fresh();
    await importArchive(await exportProject(src), d);
    expect(await d.runs.get('live')).toMatchObject({ status: 'interrupted', message: expect.stringMatching(/still training/) });
  });

  it('exportRun holds only that run, its datasets, versions and the moves onto them', async () => {
    const src = fresh();
    await seed(src);
    await src.runs.put(run('m', { family: 'matcher', datasetId: 'ds-r2', tables: { candidates: { id: 'ds-r1', name: '' }, jobs: { id: 'ds-r2', name: '' }, pairs: { id: 'ds-r2', name: '' } } } as Partial<RunRecord>));
    const files = unzipSync(await exportRun('r2', src));
    const m = JSON.parse(strFromU8(files['manifest.json']));
    expect(m).toMatchObject({ kind: 'run', runId: 'r2', counts: { runs: 1, runMetrics: 3, artifacts: 1, checkpoints: 1, datasets: 1, datasetColumns: 2, models: 1, modelEvents: 1, labels: 0, pools: 0, settings: 0, skillDictionaries: 0, skillRuns: 0 } });
    const d = fresh();
    await importArchive(await exportRun('r2', src), d);
    expect((await d.runs.toArray()).map((r) => r.id)).toEqual(['r2']);
    expect((await d.modelEvents.toArray()).map((e: ModelEventRecord) => e.to)).toEqual(['wine_v2.0']);
    expect(await d.runMetrics.where('runId').notEqual('r2').count()).toBe(0);
    const mm = JSON.parse(strFromU8(unzipSync(await exportRun('m', src))['manifest.json']));
    expect(mm.counts).toMatchObject({ runs: 1, datasets: 2, datasetColumns: 4, models: 0 });
    await expect(exportRun('nope', src)).rejects.toThrow(/not in this browser's storage/);
  });

  it('a truncated zip, a corrupt entry or a foreign manifest give a clear error and write nothing', async () => {
    const src = fresh();
    await seed(src);
    const zip = await exportProject(src);
    const d = fresh();
    const expectNothing = async () => {
      for (const t of TABLE_NAMES) expect(await d.table(t).count()).toBe(0);
    };
    await expect(importArchive(zip.subarray(0, zip.length - 100), d)).rejects.toThrow(/not a readable zip archive; it may be truncated/);
    const files = unzipSync(zip);
    const blob = files['blobs/0.bin'].slice();
    blob[10] ^= 0xff;
    await expect(importArchive(zipSync({ ...files, 'blobs/0.bin': blob }), d)).rejects.toThrow('blobs/0.bin is corrupt');
    const { 'tables/runs/000.json': _gone, ...rest } = files;
    await expect(importArchive(zipSync(rest), d)).rejects.toThrow('tables/runs/000.json is missing');
    await expect(importArchive(zipSync({ 'manifest.json': strToU8('{"format":"other"}') }), d)).rejects.toThrow(/not a Kiln project archive/);
    await expect(importArchive(zipSync({ 'a.txt': strToU8('x') }), d)).rejects.toThrow(/no manifest\.json/);
    const newer = { ...JSON.parse(strFromU8(files['manifest.json'])), version: 2 };
    await expect(importArchive(zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(newer)) }), d)).rejects.toThrow(/newer Kiln \(archive format v2/);
    await expect(importArchive(strToU8('hello'), d)).rejects.toBeInstanceOf(ArchiveError);
    await expectNothing();
  });

  it('a write failing half-way rolls the whole import back', async () => {
    const src = fresh();
    await seed(src);
    const zip = await exportProject(src);
    const d = fresh();
    await d.runs.put(run('kept'));
    vi.spyOn(d.labels, 'bulkPut').mockRejectedValueOnce(new Error('disk full'));
    await expect(importArchive(zip, d)).rejects.toThrow('disk full');
    expect((await d.runs.toArray()).map((r) => r.id)).toEqual(['kept']);
    expect(await d.datasets.count()).toBe(0);
    expect(await d.modelEvents.count()).toBe(0);
  });
});
