import { getCheckpoint, rewindRunTo } from '../db/checkpoints-repo';
import { db } from '../db/db';
import { loadFrame } from '../db/datasets-repo';
import type { EpochMetricRecord, RunRecord, RunStatus, StepMetricRecord, TabularRunRecord } from '../db/records';
import { runSeries } from '../db/runs-repo';
import type { Frame } from '../ml/data/frame';
import type { NetCheckpoint } from '../ml/models/checkpoint';

/** Statuses a checkpoint can continue: the run ended before its last epoch, not by its own decision. */
export const RESUMABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'user-stopped', 'failed']);

export function isResumable(run: RunRecord): run is TabularRunRecord {
  return run.family === 'tabular' && !run.cv && RESUMABLE.has(run.status);
}

export interface ResumePlan {
  run: TabularRunRecord;
  checkpoint: NetCheckpoint;
  bytes: number;
  frame: Frame;
  /** the curve up to the checkpoint epoch, which the resumed run continues */
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
}

/**
 * Everything a resume needs, with the stored run already rewound to the checkpoint epoch. The
 * dataset is read back from IndexedDB: a reloaded tab has nothing in memory, and the split and
 * preprocessing are recomputed from it exactly (both are seeded).
 */
export async function prepareResume(runId: string, now = Date.now()): Promise<ResumePlan> {
  const stored = await db.runs.get(runId);
  if (!stored || !isResumable(stored)) throw new Error(`run ${runId} cannot be resumed (only an interrupted, stopped or failed tabular run can)`);
  const cp = await getCheckpoint(runId);
  if (!cp) throw new Error('this run has no stored checkpoint to resume from');
  // resumed with the schema it started with: an override made since would change its features
  const frame = await loadFrame(stored.datasetId, undefined, stored.schema).catch(() => {
    throw new Error(`the dataset this run trained on (${stored.datasetName}) is no longer stored; re-import it to resume`);
  });
  const changes: Partial<TabularRunRecord> = {
    status: 'running',
    message: undefined,
    finishedAt: undefined,
    durationMs: undefined,
    epochsRun: undefined,
    bestEpoch: undefined,
    finalMetrics: undefined,
    memoryWarning: undefined,
    resumes: [...(stored.resumes ?? []), { fromEpoch: cp.epoch, at: now }],
  };
  await rewindRunTo(runId, cp.epoch, changes as Partial<RunRecord>);
  // as Dexie stores it: an undefined change removes the field
  const run = Object.fromEntries(Object.entries({ ...stored, ...changes }).filter(([, v]) => v !== undefined)) as unknown as TabularRunRecord;
  const { epochs, steps } = await runSeries(runId);
  return { run, checkpoint: cp.data, bytes: cp.bytes, frame, epochs, steps };
}
