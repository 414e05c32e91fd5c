import { getCheckpoint, rewindRunTo } from '../db/checkpoints-repo';
import { db } from '../db/db';
import { loadFrame } from '../db/datasets-repo';
import type { EpochMetricRecord, GbdtRunRecord, RunRecord, RunStatus } from '../db/records';
import { runSeries } from '../db/runs-repo';
import type { Frame } from '../ml/data/frame';
import { isGbdtCheckpoint, type GbdtCheckpoint } from '../ml/models/gbdt/checkpoint';

/** Statuses a checkpoint can continue: the run ended before its last round, not by its own decision. */
const ENDED_EARLY: ReadonlySet<RunStatus> = new Set(['interrupted', 'user-stopped', 'failed']);

/** A holdout GBDT run that ended early; a cross-validation run is trained again instead (its folds are not checkpointed). */
export function isGbdtResumable(run: RunRecord): run is GbdtRunRecord {
  return run.family === 'gbdt' && run.evaluation.mode === 'holdout' && ENDED_EARLY.has(run.status);
}

/** A cross-validation run that ended early: the view says why it offers no resume. */
export function isGbdtCvEndedEarly(run: GbdtRunRecord): boolean {
  return run.evaluation.mode === 'cv' && ENDED_EARLY.has(run.status);
}

/** A stored checkpoint's round and size when it is a GBDT checkpoint, else null. */
export async function storedGbdtCheckpoint(runId: string): Promise<{ epoch: number; bytes: number } | null> {
  const rec = await getCheckpoint(runId);
  const data: unknown = rec?.data;
  return rec && isGbdtCheckpoint(data) ? { epoch: rec.epoch, bytes: rec.bytes } : null;
}

export interface GbdtResumePlan {
  run: GbdtRunRecord;
  checkpoint: GbdtCheckpoint;
  bytes: number;
  frame: Frame;
  /** the curve up to the checkpoint round, which the resumed run continues */
  epochs: EpochMetricRecord[];
}

/**
 * Everything a GBDT resume needs, with the stored run already rewound to the checkpoint round.
 * The dataset is read back from IndexedDB with the schema the run started with (a reloaded tab
 * has nothing in memory); the split, category codes and bins are recomputed from it, and the fit
 * refuses the checkpoint if they come out otherwise.
 */
export async function prepareGbdtResume(runId: string, now = Date.now()): Promise<GbdtResumePlan> {
  const stored = await db.runs.get(runId);
  if (!stored || !isGbdtResumable(stored)) throw new Error(`run ${runId} cannot be resumed (only an interrupted, stopped or failed holdout GBDT run can)`);
  const rec = await getCheckpoint(runId);
  const data: unknown = rec?.data;
  if (!rec || !isGbdtCheckpoint(data)) throw new Error('this run has no stored GBDT checkpoint to resume from');
  const frame = await loadFrame(stored.datasetId, undefined, stored.schema).catch(() => {
    throw new Error(`the dataset this run trained on (${stored.datasetName}) is no longer stored; re-import it to resume`);
  });
  const changes: Partial<GbdtRunRecord> = {
    status: 'running',
    message: undefined,
    finishedAt: undefined,
    durationMs: undefined,
    epochsRun: undefined,
    bestEpoch: undefined,
    finalMetrics: undefined,
    resumes: [...(stored.resumes ?? []), { fromEpoch: data.epoch, at: now }],
  };
  await rewindRunTo(runId, data.epoch, changes as Partial<RunRecord>);
  // as Dexie stores it: an undefined change removes the field
  const run = Object.fromEntries(Object.entries({ ...stored, ...changes }).filter(([, v]) => v !== undefined)) as unknown as GbdtRunRecord;
  const { epochs } = await runSeries(runId);
  return { run, checkpoint: data, bytes: rec.bytes, frame, epochs };
}
