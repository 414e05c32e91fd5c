import { db, type KilnDB } from './db';
import type { CheckpointRecord, RunRecord } from './records';

export const latestCheckpointId = (runId: string): string => `${runId}:latest`;

export function checkpointRecord<D extends { epoch: number }>(runId: string, data: D, bytes: number, now = Date.now()): CheckpointRecord<D> {
  return { id: latestCheckpointId(runId), runId, epoch: data.epoch, createdAt: now, bytes, data };
}

/** One put in its own transaction: it replaces the run's previous checkpoint whole, or (quota full) changes nothing. */
export async function putCheckpoint(rec: CheckpointRecord<{ epoch: number }>, d: KilnDB = db): Promise<void> {
  // the table is typed with the network checkpoint; readers of other kinds check what they read
  await d.transaction('rw', d.checkpoints, () => d.checkpoints.put(rec as CheckpointRecord));
}

export async function getCheckpoint(runId: string, d: KilnDB = db): Promise<CheckpointRecord | undefined> {
  return d.checkpoints.get(latestCheckpointId(runId));
}

export async function deleteCheckpoints(runId: string, d: KilnDB = db): Promise<void> {
  await d.checkpoints.where('runId').equals(runId).delete();
}

/**
 * Readies a stored run for a resume from its checkpoint at `epoch`, in one transaction: the
 * interrupted attempt's curve points after that epoch go (the resumed run writes them again),
 * so do the model and evaluation artifacts of an earlier stop, and the run reads 'running'.
 * Refused for a registered run, whose model a registry version points at.
 */
export async function rewindRunTo(runId: string, epoch: number, changes: Partial<RunRecord>, d: KilnDB = db): Promise<void> {
  await d.transaction('rw', [d.runs, d.runMetrics, d.artifacts, d.models], async () => {
    const versions = await d.models.where('runId').equals(runId).toArray();
    if (versions.length > 0) throw new Error(`this run is registered as ${versions.map((v) => v.id).join(', ')}; resuming it would change a registered model`);
    await d.runMetrics
      .where('runId')
      .equals(runId)
      .filter((m) => (m.kind === 'epoch' ? m.seq > epoch : m.epoch > epoch))
      .delete();
    await d.artifacts.where('runId').equals(runId).delete();
    await d.runs.update(runId, changes);
  });
}
