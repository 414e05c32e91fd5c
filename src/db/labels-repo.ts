import { db, type KilnDB } from './db';
import type { LabelRecord, PoolRecord } from './records';

export async function getPool(id: string, d: KilnDB = db): Promise<PoolRecord | undefined> {
  return d.pools.get(id);
}

export async function putPool(p: PoolRecord, d: KilnDB = db): Promise<void> {
  await d.pools.put(p);
}

/** A pool's labels, oldest first. */
export async function poolLabels(poolId: string, d: KilnDB = db): Promise<LabelRecord[]> {
  return d.labels.where('[poolId+labeledAt]').between([poolId, -Infinity], [poolId, Infinity]).toArray();
}

export async function putLabel(l: LabelRecord, d: KilnDB = db): Promise<void> {
  await d.labels.put(l);
}

export async function addLabels(ls: LabelRecord[], d: KilnDB = db): Promise<void> {
  await d.labels.bulkPut(ls);
}

export async function deleteLabel(id: string, d: KilnDB = db): Promise<void> {
  await d.labels.delete(id);
}

export async function deletePoolLabels(poolId: string, d: KilnDB = db): Promise<number> {
  return d.labels.where('poolId').equals(poolId).delete();
}
