import { checkpointRecord, deleteCheckpoints, getCheckpoint, putCheckpoint, rewindRunTo } from '../db/checkpoints-repo';
import { db } from '../db/db';
import { loadFrame } from '../db/datasets-repo';
import type { EpochMetricRecord, RunRecord, RunStatus, StepMetricRecord } from '../db/records';
import { runSeries } from '../db/runs-repo';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import type { EnginePreference } from '../ml/engine/engine-choice';
import type { NetCheckpoint } from '../ml/models/checkpoint';
import type { StopReason } from '../ml/models/loop-utils';
import { startingRun, type LiveRunState } from './live-run';
import type { RunWriter } from './run-writer';
import { useRuns } from './runs-store';

/**
 * The checkpoint/resume path every family's store shares: the live run's latest checkpoint kept in
 * IndexedDB, and a stored run continued from it, even after a reload. What a family adds is how it
 * reads its inputs back (a frame, a pool and its labels) and the request that starts its worker.
 */

/** Statuses a checkpoint can continue: the run ended before its last epoch, not by its own decision. */
export const RESUMABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'user-stopped', 'failed']);

/** A run whose family checkpoints can continue from its stored checkpoint (a cross-validation keeps no model to continue; its folds are not checkpointed). */
export function isResumable(run: RunRecord): boolean {
  return !isCrossValidation(run) && RESUMABLE.has(run.status);
}

/** By the record's shape: a run that cross-validated, in its `cv` or its evaluation mode. */
export function isCrossValidation(run: RunRecord): boolean {
  return ('cv' in run && !!run.cv) || ('evaluation' in run && run.evaluation.mode === 'cv');
}

/** What a store that resumes runs shows and offers (the run view's checkpoint line reads it). */
export interface ResumableState extends LiveRunState {
  /** the live run's latest checkpoint once it is in IndexedDB */
  checkpoint: { epoch: number; bytes: number } | null;
  /** continues a stored run from its checkpoint; the curve after the checkpoint epoch is trained again */
  resume: (runId: string) => Promise<void>;
  stop: () => void;
}

export interface ResumePlan<R extends RunRecord, T, C extends { epoch: number } = NetCheckpoint> {
  run: R;
  checkpoint: C;
  bytes: number;
  /** what the family read back to train on */
  inputs: T;
  /** the curve up to the checkpoint epoch, which the resumed run continues */
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
}

/** The frame a run trained on, read back with the schema it started with (an override made since would change its data). */
export async function runFrame(run: RunRecord): Promise<Frame> {
  return loadFrame(run.datasetId, undefined, run.schema).catch(() => {
    throw new Error(`the dataset this run trained on (${run.datasetName}) is no longer stored; re-import it to resume`);
  });
}

/**
 * Everything a resume needs, with the stored run already rewound to the checkpoint epoch. The
 * inputs are read back from IndexedDB by `readInputs` (a reloaded tab has nothing in memory; the
 * family recomputes its split and preprocessing from them exactly, both being seeded) before
 * anything is rewound, so a refusal changes nothing.
 */
export async function prepareResume<R extends RunRecord, T, C extends { epoch: number } = NetCheckpoint>(
  runId: string,
  family: R['family'],
  readInputs: (run: R, cp: C) => Promise<T>,
  /** what the family's checkpoints look like: a stored one of another shape is refused */
  isCheckpoint: (data: unknown) => data is C = (d): d is C => typeof d === 'object' && d !== null && 'epoch' in d,
  now = Date.now(),
): Promise<ResumePlan<R, T, C>> {
  const stored = await db.runs.get(runId);
  if (!stored || stored.family !== family || !isResumable(stored)) throw new Error(`run ${runId} cannot be resumed (only an interrupted, stopped or failed run can)`);
  const cp = await getCheckpoint(runId);
  const data: unknown = cp?.data;
  if (!cp || !isCheckpoint(data)) throw new Error('this run has no stored checkpoint to resume from');
  const inputs = await readInputs(stored as R, data);
  const changes: Partial<RunRecord> = {
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
  await rewindRunTo(runId, cp.epoch, changes);
  // as Dexie stores it: an undefined change removes the field
  const run = Object.fromEntries(Object.entries({ ...stored, ...changes }).filter(([, v]) => v !== undefined)) as unknown as R;
  const { epochs, steps } = await runSeries(runId);
  return { run, checkpoint: data, bytes: cp.bytes, inputs, epochs, steps };
}

/**
 * A store's resume up to its worker: the live state set for the run, the plan read (a refusal
 * shows as the store's error and returns null), the rewound run listed and its curve on screen.
 */
export async function beginResume<R extends RunRecord, T, C extends { epoch: number } = NetCheckpoint>(
  runId: string,
  family: R['family'],
  readInputs: (run: R, cp: C) => Promise<T>,
  set: (p: Partial<ResumableState>) => void,
  isCheckpoint?: (data: unknown) => data is C,
): Promise<ResumePlan<R, T, C> | null> {
  set({ ...startingRun(runId), checkpoint: null });
  let plan: ResumePlan<R, T, C>;
  try {
    plan = await prepareResume(runId, family, readInputs, isCheckpoint);
  } catch (e) {
    set({ phase: 'idle', error: `Could not resume: ${e instanceof Error ? e.message : String(e)}` });
    return null;
  }
  useRuns.getState().upsert(plan.run);
  set({ epochs: plan.epochs, steps: plan.steps, checkpoint: { epoch: plan.checkpoint.epoch, bytes: plan.bytes } });
  if (useRuns.getState().open?.run.id === runId) await useRuns.getState().openRun(runId);
  return plan;
}

/**
 * The engine and backend a run trained on: only those continue it bit for bit (runs from before
 * the engine trained on TF.js). A run Kiln's WebGPU engine trained continues there: the webgpu
 * backend with Kiln's engine picks it.
 */
export function resumeEngine(run: RunRecord): { backend: BackendPreference; engine: EnginePreference } {
  return { backend: run.engine?.runsOn === 'webgpu' ? 'webgpu' : (run.backend ?? run.backendRequested), engine: run.engine?.engine ?? 'tfjs' };
}

/** A view showing the run (a resumed run is watched from its run view) reloads it, status and whole curve, once the writes before are done. */
export function reopenWhenWritten(writer: RunWriter, runId: string): void {
  writer.persist('the run view', async () => {
    if (useRuns.getState().open?.run.id === runId) await useRuns.getState().openRun(runId);
  });
}

/** A live run's checkpoints: each one posted replaces the stored one; a run that ends other than by a stop keeps none. `unit` names its epochs (a tree's are rounds). */
export function liveCheckpoints(runId: string, writer: RunWriter, set: (p: Partial<ResumableState>) => void, get: () => { runId: string | null }, unit = 'epoch') {
  return {
    saved(checkpoint: { epoch: number }, bytes: number) {
      const { epoch } = checkpoint;
      const rec = checkpointRecord(runId, checkpoint, bytes);
      // a refused write (quota) keeps the previous checkpoint whole and training goes on
      writer.persist(`the checkpoint of ${unit} ${epoch} (training goes on; a resume starts from the last checkpoint saved)`, async () => {
        await putCheckpoint(rec);
        if (get().runId === runId) set({ checkpoint: { epoch, bytes } });
      });
    },
    /** only a stop leaves something to resume; a finished run's checkpoint would just take space */
    finished(reason: StopReason) {
      if (reason === 'user-stopped') return;
      writer.persist('the run (removing its checkpoint)', async () => {
        await deleteCheckpoints(runId);
        if (get().runId === runId) set({ checkpoint: null });
      });
    },
  };
}
