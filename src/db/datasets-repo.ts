import type { Column, Frame } from '../ml/data/frame';
import { applySchema, EMPTY_SCHEMA, type AppliedSchema, type DatasetSchema, type RawText } from '../ml/data/schema';
import { db, type KilnDB } from './db';
import type { DatasetColumnRecord, DatasetRecord } from './records';

/** Writes a dataset and its columns in one transaction: a failed import leaves nothing half-written. */
export async function saveDataset(record: DatasetRecord, frame: Frame, d: KilnDB = db, rawText: RawText = {}): Promise<void> {
  await d.transaction('rw', d.datasets, d.datasetColumns, async () => {
    await d.datasets.put(record);
    await d.datasetColumns.bulkPut(
      frame.columns.map((c, index): DatasetColumnRecord => ({ datasetId: record.id, index, name: c.name, dtype: c.dtype, values: c.values, ...('levels' in c && c.levels ? { levels: c.levels } : {}), ...(rawText[c.name] ? { raw: rawText[c.name] } : {}) })),
    );
  });
}

export async function listDatasets(d: KilnDB = db): Promise<DatasetRecord[]> {
  return d.datasets.orderBy('createdAt').reverse().toArray();
}

/** A dataset as imported (no overrides) with the kept text of its locale-formatted columns. */
export interface StoredDataset {
  record: DatasetRecord;
  frame: Frame;
  rawText: RawText;
}

export async function loadStored(id: string, d: KilnDB = db): Promise<StoredDataset> {
  const record = await d.datasets.get(id);
  if (!record) throw new Error(`dataset ${id} is not in this browser's storage`);
  const cols = await d.datasetColumns.where('datasetId').equals(id).sortBy('index');
  const rawText: RawText = {};
  for (const c of cols) if (c.raw) rawText[c.name] = c.raw;
  return { record, frame: { rowCount: record.rowCount, columns: cols.map((c) => ({ name: c.name, dtype: c.dtype, values: c.values, ...(c.levels ? { levels: c.levels } : {}) }) as Column) }, rawText };
}

export function applyStored(stored: StoredDataset, schema: DatasetSchema | undefined = stored.record.schema): AppliedSchema {
  return applySchema(stored.frame, schema ?? EMPTY_SCHEMA, stored.rawText);
}

/**
 * The frame models see: the dataset's current overrides applied, or `schema` when given (a run
 * re-reads its data with the schema it trained with, whatever the dataset's is now).
 */
export async function loadFrame(id: string, d: KilnDB = db, schema?: DatasetSchema): Promise<Frame> {
  const stored = await loadStored(id, d);
  return applyStored(stored, schema).frame;
}

export async function datasetSchema(id: string, d: KilnDB = db): Promise<DatasetSchema | undefined> {
  return (await d.datasets.get(id))?.schema;
}

export async function saveSchema(id: string, changes: Pick<DatasetRecord, 'schema' | 'stats' | 'columnCount'>, d: KilnDB = db): Promise<void> {
  await d.datasets.update(id, changes);
}

export async function deleteDataset(id: string, d: KilnDB = db): Promise<void> {
  await d.transaction('rw', d.datasets, d.datasetColumns, async () => {
    await d.datasetColumns.where('datasetId').equals(id).delete();
    await d.datasets.delete(id);
  });
}
