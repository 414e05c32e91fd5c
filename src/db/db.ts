import Dexie, { type Table } from 'dexie';
import type { ArtifactRecord, CheckpointRecord, DatasetColumnRecord, DatasetRecord, LabelRecord, ModelEventRecord, ModelVersionRecord, PoolRecord, RunMetricRecord, RunRecord, SettingRecord, SkillDictionaryRecord, SkillRunRecord } from './records';
import { applySchema } from './schema';

/** The one Dexie module: every IndexedDB read and write in the app goes through here. */
export class KilnDB extends Dexie {
  datasets!: Table<DatasetRecord, string>;
  datasetColumns!: Table<DatasetColumnRecord, [string, number]>;
  runs!: Table<RunRecord, string>;
  runMetrics!: Table<RunMetricRecord, [string, string, number]>;
  artifacts!: Table<ArtifactRecord, string>;
  settings!: Table<SettingRecord, string>;
  pools!: Table<PoolRecord, string>;
  labels!: Table<LabelRecord, string>;
  models!: Table<ModelVersionRecord, string>;
  modelEvents!: Table<ModelEventRecord, number>;
  checkpoints!: Table<CheckpointRecord, string>;
  skillDictionaries!: Table<SkillDictionaryRecord, string>;
  skillRuns!: Table<SkillRunRecord, string>;

  constructor(name = 'kiln') {
    super(name);
    applySchema(this);
  }
}

export const db = new KilnDB();

/** Quota and other storage errors get a message a person can act on; the data already stored is untouched. */
export function storageErrorMessage(e: unknown, what: string): string {
  const name = e instanceof Error ? e.name : '';
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return `Could not save ${what}: the browser's storage quota is full. Delete old runs or datasets and try again; nothing already saved was changed.`;
  }
  return `Could not save ${what}: ${e instanceof Error ? e.message : String(e)}. Nothing already saved was changed.`;
}
