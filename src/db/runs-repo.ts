import { db, type KilnDB } from './db';
import type { ArtifactRecord, EpochMetricRecord, RunMetricRecord, RunRecord, StepMetricRecord } from './records';

export async function listRuns(d: KilnDB = db): Promise<RunRecord[]> {
  return d.runs.orderBy('startedAt').reverse().toArray();
}

export async function putRun(run: RunRecord, d: KilnDB = db): Promise<void> {
  await d.runs.put(run);
}

export async function updateRun(id: string, changes: Partial<RunRecord>, d: KilnDB = db): Promise<void> {
  await d.runs.update(id, changes);
}

export async function appendMetrics(ms: RunMetricRecord[], d: KilnDB = db): Promise<void> {
  await d.runMetrics.bulkPut(ms);
}


export async function runSeries(runId: string, d: KilnDB = db): Promise<{ epochs: EpochMetricRecord[]; steps: StepMetricRecord[] }> {
  const all = await d.runMetrics.where('runId').equals(runId).toArray();
  const epochs = all.filter((m): m is EpochMetricRecord => m.kind === 'epoch').sort((a, b) => a.seq - b.seq);
  const steps = all.filter((m): m is StepMetricRecord => m.kind === 'step').sort((a, b) => a.seq - b.seq);
  return { epochs, steps };
}

export async function putArtifacts(items: ArtifactRecord[], d: KilnDB = db): Promise<void> {
  await d.artifacts.bulkPut(items);
}

export async function runArtifacts(runId: string, d: KilnDB = db): Promise<ArtifactRecord[]> {
  return d.artifacts.where('runId').equals(runId).toArray();
}

/** Runs left 'running' by a closed tab or a crashed worker are marked interrupted; their curves stay. */
export async function markInterruptedRuns(d: KilnDB = db): Promise<number> {
  return d.runs
    .where('status')
    .equals('running')
    .modify({ status: 'interrupted', message: 'The tab closed or the worker stopped while this run was training. Its curves up to then are kept.' });
}
