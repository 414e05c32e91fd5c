import { strToU8, zipSync, type Zippable } from 'fflate';
import { version as kilnVersion } from '../../package.json';
import { crc32, encodeValue } from './archive-codec';
import { ARCHIVE_VERSION, readArchive, TABLE_NAMES, type ArchiveTables, type ImportSummary, type Manifest } from './archive-read';
import { db, type KilnDB } from './db';
import type { ModelEventRecord, RunRecord } from './records';
import { SCHEMA_VERSIONS } from './schema';

export { ArchiveError, ARCHIVE_VERSION, TABLE_NAMES, type ArchiveTables, type ImportSummary, type Manifest, type SkippedRecord } from './archive-read';

/**
 * Portable projects: the whole IndexedDB (or one run and what it needs) as a zip another
 * browser can import. Layout:
 *   manifest.json               format, versions, counts, the table files, size + CRC-32 of every entry
 *   tables/<table>/<k>.json     JSON arrays of records in archive-codec form, split near 32 MB
 *   blobs/<n>.bin               typed-array payloads (little-endian) referenced as {"$typed", "blob": n}
 */
export const ARCHIVE_FORMAT = 'kiln.project';
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

/** Settings that describe this machine, not the project: the proxy's address and token (a secret), the backend that works on this GPU, the dataset this browser had open. */
export const MACHINE_LOCAL_SETTINGS: ReadonlySet<string> = new Set(['proxy', 'backend', 'selectedDataset']);

/** Where a caller may show what is happening; awaited, so a UI can paint between the slow steps. */
export interface ArchiveOptions {
  onProgress?: (step: string) => void | Promise<void>;
}

const PART_CHARS = 32 * 1024 * 1024;

export async function exportProject(d: KilnDB = db, opts: ArchiveOptions = {}): Promise<Uint8Array> {
  await opts.onProgress?.('Reading the project from browser storage…');
  const t = await d.transaction('r', d.tables, async (): Promise<ArchiveTables> => ({
    datasets: await d.datasets.toArray(),
    datasetColumns: await d.datasetColumns.toArray(),
    runs: await d.runs.toArray(),
    runMetrics: await d.runMetrics.toArray(),
    artifacts: await d.artifacts.toArray(),
    checkpoints: await d.checkpoints.toArray(),
    settings: (await d.settings.toArray()).filter((s) => !MACHINE_LOCAL_SETTINGS.has(s.key)),
    pools: await d.pools.toArray(),
    labels: await d.labels.toArray(),
    models: await d.models.toArray(),
    modelEvents: await d.modelEvents.orderBy('seq').toArray(),
    skillDictionaries: await d.skillDictionaries.toArray(),
    skillRuns: await d.skillRuns.toArray(),
  }));
  return pack({ kind: 'project' }, t, opts);
}

/** The datasets a run was trained on: its own, plus every table it joined (by the record's shape). */
export function runDatasetIds(run: RunRecord): string[] {
  const ids = [run.datasetId];
  if ('tables' in run) ids.push(...Object.values(run.tables).map((t) => t.id));
  return [...new Set(ids)];
}

/**
 * One run with its metrics, artifacts, checkpoint, dataset(s), the versions registered from it and the alias
 * moves onto them (a move elsewhere would name a version the archive lacks). A run whose dataset is
 * an item pool also carries the pool and its labels: they are its training data.
 */
export async function exportRun(runId: string, d: KilnDB = db, opts: ArchiveOptions = {}): Promise<Uint8Array> {
  await opts.onProgress?.('Reading the run from browser storage…');
  const t = await d.transaction('r', d.tables, async (): Promise<ArchiveTables> => {
    const run = await d.runs.get(runId);
    if (!run) throw new Error(`run ${runId} is not in this browser's storage`);
    const dsIds = runDatasetIds(run);
    const models = await d.models.where('runId').equals(runId).toArray();
    const versionIds = new Set(models.map((m) => m.id));
    const onto = (e: ModelEventRecord) => (e.to !== null ? versionIds.has(e.to) : e.from !== null && versionIds.has(e.from));
    return {
      datasets: (await d.datasets.bulkGet(dsIds)).filter((x) => x !== undefined),
      datasetColumns: await d.datasetColumns.where('datasetId').anyOf(dsIds).toArray(),
      runs: [run],
      runMetrics: await d.runMetrics.where('runId').equals(runId).toArray(),
      artifacts: await d.artifacts.where('runId').equals(runId).toArray(),
      checkpoints: await d.checkpoints.where('runId').equals(runId).toArray(),
      settings: [],
      pools: (await d.pools.bulkGet(dsIds)).filter((x) => x !== undefined),
      labels: await d.labels.where('poolId').anyOf(dsIds).toArray(),
      models,
      modelEvents: versionIds.size > 0 ? (await d.modelEvents.orderBy('seq').toArray()).filter(onto) : [],
      // skills extractions are not training runs: a project archive carries them, a run archive does not
      skillDictionaries: [],
      skillRuns: [],
    };
  });
  return pack({ kind: 'run', runId }, t, opts);
}

async function pack(head: Pick<Manifest, 'kind' | 'runId'>, t: ArchiveTables, opts: ArchiveOptions): Promise<Uint8Array> {
  await opts.onProgress?.('Encoding records…');
  const blobs: Uint8Array[] = [];
  const files: Record<string, Uint8Array> = {};
  const tables: Manifest['tables'] = {};
  for (const name of TABLE_NAMES) {
    const parts: string[][] = [[]];
    let size = 0;
    for (const rec of t[name]) {
      const s = JSON.stringify(encodeValue(rec, blobs));
      if (size > 0 && size + s.length > PART_CHARS) {
        parts.push([]);
        size = 0;
      }
      parts[parts.length - 1].push(s);
      size += s.length + 1;
    }
    tables[name] = parts.map((p, k) => {
      const path = `tables/${name}/${String(k).padStart(3, '0')}.json`;
      files[path] = strToU8(`[${p.join(',\n')}]`);
      return path;
    });
  }
  blobs.forEach((b, n) => (files[`blobs/${n}.bin`] = b));
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    ...head,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    kilnVersion,
    counts: Object.fromEntries(TABLE_NAMES.map((n) => [n, t[n].length])),
    tables,
    entries: Object.fromEntries(Object.entries(files).map(([path, b]) => [path, { bytes: b.byteLength, crc32: crc32(b) }])),
  };
  await opts.onProgress?.('Compressing…');
  // float payloads barely shrink at higher levels; level 1 keeps a large project's export quick
  const zippable: Zippable = { 'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { level: 6 }] };
  for (const [path, b] of Object.entries(files)) zippable[path] = [b, { level: path.startsWith('blobs/') ? 1 : 6 }];
  return zipSync(zippable);
}

/** The message a run left `running` in an archive gets: whatever trained it is not in this browser. */
const INTERRUPTED = 'This run was still training when its archive was exported; its curves up to then are kept.';

const eventKey = (e: ModelEventRecord) => JSON.stringify([e.modelType, e.alias, e.from, e.to, e.at]);

/**
 * Validates and decodes the whole archive first, then writes it in ONE transaction, so a bad
 * archive or a failed write leaves the database as it was. The archive's copy replaces a record
 * with the same key (a run's metrics, artifacts and checkpoint are replaced as a set), except that alias
 * moves are append-only (ones already here are not added again) and a version id taken here by
 * another run is reported and skipped, never renumbered.
 */
export async function importArchive(bytes: Uint8Array, d: KilnDB = db, opts: ArchiveOptions = {}): Promise<ImportSummary> {
  await opts.onProgress?.('Reading the archive…');
  const { manifest, tables: t } = readArchive(bytes, SCHEMA_VERSION);
  await opts.onProgress?.('Writing to browser storage…');
  return d.transaction('rw', d.tables, async (): Promise<ImportSummary> => {
    const skipped: ImportSummary['skipped'] = [];
    const here = await d.models.bulkGet(t.models.map((m) => m.id));
    const conflicted = new Set<string>();
    const versions = t.models.filter((m, i) => {
      const h = here[i];
      if (!h || h.runId === m.runId) return true;
      conflicted.add(m.id);
      skipped.push({ table: 'models', key: m.id, reason: `${m.id} is already registered here for run "${h.runName}" (${h.runId}); the archive's ${m.id} is of run "${m.runName}" (${m.runId})` });
      return false;
    });
    const known = new Set([...((await d.models.toCollection().primaryKeys()) as string[]), ...versions.map((v) => v.id)]);

    const local = await d.modelEvents.toArray();
    const seen = new Set(local.map(eventKey));
    const usedSeq = new Set(local.map((e) => e.seq));
    let events = 0;
    let eventsAlreadyPresent = 0;
    for (const e of [...t.modelEvents].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
      const key = eventKey(e);
      if (seen.has(key)) {
        eventsAlreadyPresent++;
        continue;
      }
      if (e.to !== null && (conflicted.has(e.to) || !known.has(e.to))) {
        const why = conflicted.has(e.to) ? 'that version id belongs to another run here' : 'that version is neither in the archive nor here';
        skipped.push({ table: 'modelEvents', key: `${e.modelType} ${e.alias} → ${e.to} at ${new Date(e.at).toISOString()}`, reason: `the move points at ${e.to}: ${why}` });
        continue;
      }
      seen.add(key);
      // keep the archive's move number when it is free here, so a project round-trips exactly
      const { seq, ...rest } = e;
      if (seq !== undefined && !usedSeq.has(seq)) {
        await d.modelEvents.put({ ...rest, seq });
        usedSeq.add(seq);
      } else usedSeq.add(await d.modelEvents.add(rest));
      events++;
    }

    const present = async (keys: string[], table: { bulkGet: (k: string[]) => Promise<unknown[]> }) => (await table.bulkGet(keys)).filter((x) => x !== undefined).length;
    const alreadyHere = {
      runs: await present(t.runs.map((r) => r.id), d.runs),
      datasets: await present(t.datasets.map((x) => x.id), d.datasets),
      labels: await present(t.labels.map((l) => l.id), d.labels),
      versions: here.filter((h, i) => h !== undefined && h.runId === t.models[i].runId).length,
    };
    const dsIds = t.datasets.map((x) => x.id);
    await d.datasetColumns.where('datasetId').anyOf(dsIds).delete();
    await d.datasets.bulkPut(t.datasets);
    await d.datasetColumns.bulkPut(t.datasetColumns);
    const runIds = t.runs.map((r) => r.id);
    await d.runMetrics.where('runId').anyOf(runIds).delete();
    await d.artifacts.where('runId').anyOf(runIds).delete();
    await d.checkpoints.where('runId').anyOf(runIds).delete();
    await d.runs.bulkPut(t.runs.map((r): RunRecord => (r.status === 'running' ? { ...r, status: 'interrupted', message: INTERRUPTED } : r)));
    await d.runMetrics.bulkPut(t.runMetrics);
    await d.artifacts.bulkPut(t.artifacts);
    await d.checkpoints.bulkPut(t.checkpoints);
    await d.pools.bulkPut(t.pools);
    await d.labels.bulkPut(t.labels);
    await d.models.bulkPut(versions);
    await d.skillDictionaries.bulkPut(t.skillDictionaries);
    await d.skillRuns.bulkPut(t.skillRuns);
    for (const s of t.settings) if (MACHINE_LOCAL_SETTINGS.has(s.key)) skipped.push({ table: 'settings', key: s.key, reason: 'a setting of the machine that exported it' });
    await d.settings.bulkPut(t.settings.filter((s) => !MACHINE_LOCAL_SETTINGS.has(s.key)));
    return { kind: manifest.kind, runs: t.runs.length, datasets: t.datasets.length, labels: t.labels.length, versions: versions.length, events, eventsAlreadyPresent, alreadyHere, skipped };
  });
}
