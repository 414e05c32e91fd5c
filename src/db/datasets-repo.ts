import type { Column, Frame } from '../ml/data/frame';
import { db, type KilnDB } from './db';
import type { DatasetColumnRecord, DatasetRecord } from './records';

/** Writes a dataset and its columns in one transaction: a failed import leaves nothing half-written. */
export async function saveDataset(record: DatasetRecord, frame: Frame, d: KilnDB = db): Promise<void> {
  await d.transaction('rw', d.datasets, d.datasetColumns, async () => {
    await d.datasets.put(record);
    await d.datasetColumns.bulkPut(
      frame.columns.map((c, index): DatasetColumnRecord => ({ datasetId: record.id, index, name: c.name, dtype: c.dtype, values: c.values, ...('levels' in c && c.levels ? { levels: c.levels } : {}) })),
    );
  });
}

export async function listDatasets(d: KilnDB = db): Promise<DatasetRecord[]> {
  return d.datasets.orderBy('createdAt').reverse().toArray();
}

export async function loadFrame(id: string, d: KilnDB = db): Promise<Frame> {
  const meta = await d.datasets.get(id);
  if (!meta) throw new Error(`dataset ${id} is not in this browser's storage`);
  const cols = await d.datasetColumns.where('datasetId').equals(id).sortBy('index');
  return { rowCount: meta.rowCount, columns: cols.map((c) => ({ name: c.name, dtype: c.dtype, values: c.values, ...(c.levels ? { levels: c.levels } : {}) }) as Column) };
}

export async function deleteDataset(id: string, d: KilnDB = db): Promise<void> {
  await d.transaction('rw', d.datasets, d.datasetColumns, async () => {
    await d.datasetColumns.where('datasetId').equals(id).delete();
    await d.datasets.delete(id);
  });
}
