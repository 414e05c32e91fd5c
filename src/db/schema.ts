import type Dexie from 'dexie';

/**
 * Every schema version Kiln has shipped, oldest first. Versions are append-only: a change adds a
 * version with its upgrade function and a test in migrations.test.ts, never edits an old one,
 * so a browser holding any older database upgrades in order.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Parameters<ReturnType<Dexie['version']>['upgrade']>[0];
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      datasets: 'id, createdAt, name',
      datasetColumns: '[datasetId+index], datasetId',
      runs: 'id, startedAt, datasetId, status',
      runMetrics: '[runId+kind+seq], runId',
      artifacts: 'id, runId, kind',
      settings: 'key',
    },
  },
  {
    // v2: datasets remember their origin (file, sample, or a proxy export request) for re-import
    version: 2,
    stores: { datasets: 'id, createdAt, name, source' },
    upgrade: (tx) =>
      tx
        .table('datasets')
        .toCollection()
        .modify((d: { source: string; fileName: string; origin?: unknown }) => {
          d.origin ??= { kind: d.source === 'sample' ? 'sample' : 'file', fileName: d.fileName };
        }),
  },
  {
    // v3: runs carry their model family; runs stored before are all of the first family
    version: 3,
    stores: { runs: 'id, startedAt, datasetId, status, family' },
    upgrade: (tx) =>
      tx
        .table('runs')
        .toCollection()
        .modify((r: { family?: string }) => {
          r.family ??= 'tabular';
        }),
  },
  {
    // v4: item pools (a dataset's pool settings for pairwise labeling) and their pairwise labels
    version: 4,
    stores: { pools: 'id, datasetId', labels: 'id, poolId, labeledAt, [poolId+labeledAt]' },
  },
  {
    // v5: the model registry (versions, append-only alias moves); runs get tags (indexed) and notes
    version: 5,
    // and each such run's latest resumable checkpoint
    stores: { runs: 'id, startedAt, datasetId, status, family, *tags', models: 'id, modelType, runId, registeredAt', modelEvents: '++seq, modelType, at', checkpoints: 'id, runId' },
    upgrade: (tx) =>
      tx
        .table('runs')
        .toCollection()
        .modify((r: { tags?: string[] }) => {
          r.tags ??= [];
        }),
  },
  {
    // v6: datasets keep a schema (the formats import detected, the user's per-column type
    // overrides); a dataset stored before has no overrides and its stored types as detected
    version: 6,
    stores: {},
    upgrade: (tx) =>
      tx
        .table('datasets')
        .toCollection()
        .modify((d: { stats?: { name: string; dtype: string }[]; schema?: unknown }) => {
          d.schema ??= { detected: Object.fromEntries((d.stats ?? []).map((s) => [s.name, { dtype: s.dtype }])), overrides: {} };
        }),
  },
  {
    // v7: skill dictionaries (canonical skills and aliases) for skills extraction; nothing to migrate
    version: 7,
    stores: { skillDictionaries: 'id, name, updatedAt' },
  },
  {
    // v8: skills extraction runs (what ran, the dictionary snapshot, hits per row, metrics); nothing to migrate
    version: 8,
    stores: { skillRuns: 'id, createdAt, datasetId, dictionaryId' },
  },
];

export function applySchema(db: Dexie): void {
  for (const v of SCHEMA_VERSIONS) {
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
}
