import { strFromU8, unzipSync, type Unzipped } from 'fflate';
import { crc32, decodeValue, type Json } from './archive-codec';
import type { ArtifactRecord, CheckpointRecord, DatasetColumnRecord, DatasetRecord, LabelRecord, ModelEventRecord, ModelVersionRecord, PoolRecord, RunMetricRecord, RunRecord, SettingRecord, SkillDictionaryRecord, SkillRunRecord } from './records';

/** Every table of a project, as records. */
export interface ArchiveTables {
  datasets: DatasetRecord[];
  datasetColumns: DatasetColumnRecord[];
  runs: RunRecord[];
  runMetrics: RunMetricRecord[];
  artifacts: ArtifactRecord[];
  checkpoints: CheckpointRecord[];
  settings: SettingRecord[];
  pools: PoolRecord[];
  labels: LabelRecord[];
  models: ModelVersionRecord[];
  modelEvents: ModelEventRecord[];
  /** schema v7+; an older archive has none */
  skillDictionaries: SkillDictionaryRecord[];
  /** schema v8+; an older archive has none */
  skillRuns: SkillRunRecord[];
}
export type TableName = keyof ArchiveTables;

export interface Manifest {
  format: 'kiln.project';
  version: number;
  kind: 'project' | 'run';
  /** set when kind is 'run' */
  runId?: string;
  schemaVersion: number;
  exportedAt: string;
  kilnVersion: string;
  counts: Record<string, number>;
  /** each table's JSON parts, in order */
  tables: Partial<Record<TableName, string[]>>;
  /** every entry but manifest.json, with its size and CRC-32 */
  entries: Record<string, { bytes: number; crc32: number }>;
}

export interface SkippedRecord {
  table: TableName;
  key: string;
  reason: string;
}

export interface ImportSummary {
  kind: Manifest['kind'];
  runs: number;
  datasets: number;
  labels: number;
  versions: number;
  /** alias moves added; ones this browser already had are counted in eventsAlreadyPresent */
  events: number;
  eventsAlreadyPresent: number;
  /** of the runs, datasets, labels and versions above, how many this browser already had (the archive's copy replaced them) */
  alreadyHere: { runs: number; datasets: number; labels: number; versions: number };
  skipped: SkippedRecord[];
}

/** An archive that cannot be imported; its message is meant for the person who picked the file. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export const ARCHIVE_VERSION = 1;
/**
 * Archives record the schema their records follow. Schema v5 is the first that wrote archives; a
 * later schema version must upgrade older archives' records here (as its Dexie upgrade does for
 * stored ones) or raise this bound.
 */
export const OLDEST_ARCHIVE_SCHEMA = 5;

type Kind = 'string' | 'number' | 'string|null';
/** The fields each table's keys and indexes need; a record missing one would fail, or hide, inside the write. */
const KEY_FIELDS: { [K in TableName]: [string, Kind][] } = {
  datasets: [['id', 'string']],
  datasetColumns: [['datasetId', 'string'], ['index', 'number']],
  runs: [['id', 'string'], ['status', 'string']],
  runMetrics: [['runId', 'string'], ['kind', 'string'], ['seq', 'number']],
  artifacts: [['id', 'string'], ['runId', 'string']],
  checkpoints: [['id', 'string'], ['runId', 'string']],
  settings: [['key', 'string']],
  pools: [['id', 'string']],
  labels: [['id', 'string'], ['poolId', 'string'], ['labeledAt', 'number']],
  models: [['id', 'string'], ['runId', 'string'], ['modelType', 'string']],
  modelEvents: [['modelType', 'string'], ['alias', 'string'], ['at', 'number'], ['from', 'string|null'], ['to', 'string|null']],
  skillDictionaries: [['id', 'string'], ['name', 'string'], ['updatedAt', 'number']],
  skillRuns: [['id', 'string'], ['createdAt', 'number'], ['datasetId', 'string'], ['dictionaryId', 'string']],
};
export const TABLE_NAMES = Object.keys(KEY_FIELDS) as TableName[];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fits = (v: unknown, k: Kind) => (k === 'string|null' ? v === null || typeof v === 'string' : k === 'number' ? typeof v === 'number' && !Number.isNaN(v) : typeof v === k);

function checkManifest(raw: unknown, schemaVersion: number): Manifest {
  if (!isRecord(raw) || raw.format !== 'kiln.project') throw new ArchiveError('This zip is not a Kiln project archive: its manifest.json does not say "format": "kiln.project".');
  const { version, kind, schemaVersion: sv, tables, entries, counts } = raw;
  if (typeof version !== 'number') throw new ArchiveError('manifest.json is corrupt: it has no archive format version.');
  if (version > ARCHIVE_VERSION) throw new ArchiveError(`This archive was made by a newer Kiln (archive format v${version}; this Kiln reads v${ARCHIVE_VERSION}). Update Kiln to import it.`);
  if (typeof sv !== 'number') throw new ArchiveError('manifest.json is corrupt: it has no schemaVersion.');
  if (sv > schemaVersion) throw new ArchiveError(`This archive was made by a newer Kiln (storage schema v${sv}; this Kiln has v${schemaVersion}). Update Kiln to import it.`);
  if (sv < OLDEST_ARCHIVE_SCHEMA) throw new ArchiveError(`manifest.json names storage schema v${sv}, older than any Kiln that wrote archives (v${OLDEST_ARCHIVE_SCHEMA}).`);
  if (kind !== 'project' && kind !== 'run') throw new ArchiveError(`manifest.json is corrupt: unknown archive kind ${JSON.stringify(kind)}.`);
  const tablesOk = isRecord(tables) && Object.entries(tables).every(([n, ps]) => n in KEY_FIELDS && Array.isArray(ps) && ps.every((p) => typeof p === 'string'));
  const entriesOk = isRecord(entries) && Object.values(entries).every((e) => isRecord(e) && typeof e.bytes === 'number' && typeof e.crc32 === 'number');
  if (!tablesOk || !entriesOk || !isRecord(counts)) throw new ArchiveError('manifest.json is corrupt: its table or entry list is malformed.');
  return raw as unknown as Manifest;
}

/** Unzips, checks every entry against the manifest and decodes every table; throws ArchiveError naming the first bad file. */
export function readArchive(bytes: Uint8Array, schemaVersion: number): { manifest: Manifest; tables: ArchiveTables } {
  let files: Unzipped;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new ArchiveError(`This file is not a readable zip archive; it may be truncated or corrupt (${message(e)}).`);
  }
  const m = files['manifest.json'];
  if (!m) throw new ArchiveError('This zip is not a Kiln archive: it has no manifest.json.');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(m));
  } catch (e) {
    throw new ArchiveError(`manifest.json is corrupt: ${message(e)}`);
  }
  const manifest = checkManifest(raw, schemaVersion);
  for (const [path, info] of Object.entries(manifest.entries)) {
    const f = files[path];
    if (!f) throw new ArchiveError(`${path} is missing from the archive.`);
    if (f.byteLength !== info.bytes || crc32(f) !== info.crc32) throw new ArchiveError(`${path} is corrupt: its size or checksum differs from what manifest.json records.`);
  }
  const blob = (n: number) => {
    const path = `blobs/${n}.bin`;
    if (!(path in manifest.entries)) throw new Error(`it refers to ${path}, which the archive does not have`);
    return files[path];
  };
  const tables = {} as Record<TableName, unknown[]>;
  for (const name of TABLE_NAMES) {
    const rows: unknown[] = (tables[name] = []);
    for (const path of manifest.tables[name] ?? []) {
      if (!(path in manifest.entries)) throw new ArchiveError(`${path} is missing from the archive.`);
      try {
        const parsed = JSON.parse(strFromU8(files[path])) as Json;
        if (!Array.isArray(parsed)) throw new Error('it is not a list of records');
        parsed.forEach((j, i) => {
          const rec = decodeValue(j, blob);
          const badKey = isRecord(rec) ? KEY_FIELDS[name].find(([k, kind]) => !fits(rec[k], kind)) : ['', 'object'];
          if (badKey) throw new Error(`record ${i + 1} ${badKey[0] ? `has no valid "${badKey[0]}"` : 'is not an object'}`);
          rows.push(rec);
        });
      } catch (e) {
        throw new ArchiveError(`${path} is corrupt: ${message(e)}.`);
      }
    }
    const counted = manifest.counts[name];
    if (counted !== undefined && counted !== rows.length) throw new ArchiveError(`tables/${name} is corrupt: manifest.json counts ${counted} records, the archive holds ${rows.length}.`);
  }
  return { manifest, tables: tables as unknown as ArchiveTables };
}
