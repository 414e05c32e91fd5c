import type { ArtifactRecord, EpochMetricRecord, RunRecord, StepMetricRecord } from '../db/records';
import { storageErrorMessage } from '../db/db';
import { datasetSchema } from '../db/datasets-repo';
import { putArtifacts, putRun, updateRun } from '../db/runs-repo';
import type { BackendName } from '../ml/backends/tf-backend';
import type { RunStage } from '../ml/models/loop-utils';
import { fallbackNote, finishedProgress, type BatchLike, type EndReason, type LiveProgress, type LiveStage } from './live-progress';
import { liveUpdates, type LiveUpdatesOptions } from './live-updates';
import type { RunWriter } from './run-writer';
import { useRuns } from './runs-store';

/** What every family's store shows of its live run. */
export interface LiveRunState {
  runId: string | null;
  phase: 'idle' | 'starting' | 'training' | 'stopping' | 'saving' | 'finished';
  backend: BackendName | null;
  backendNote: string | null;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
  progress: LiveProgress | null;
  /** what the run is doing before its first step or after its last; null while steps run and once it is over */
  runStage: LiveStage | null;
  error: string | null;
  memoryWarning: string | null;
  /** bumps when a run's artifacts are in IndexedDB, so views reading them reload */
  artifactsSaved: number;
}

export const IDLE_RUN: LiveRunState = { runId: null, phase: 'idle', backend: null, backendNote: null, epochs: [], steps: [], progress: null, runStage: null, error: null, memoryWarning: null, artifactsSaved: 0 };

/** A fresh run's state: nothing from the previous run stays on screen. */
export function startingRun(runId: string): Partial<LiveRunState> {
  return { runId, phase: 'starting', backend: null, backendNote: null, epochs: [], steps: [], progress: null, runStage: { name: 'worker', at: Date.now() }, error: null, memoryWarning: null };
}

/** Writes a new run and lists it; when storage refuses, the error is shown and the run does not start. */
export async function storeNewRun(run: RunRecord, set: (p: Partial<LiveRunState>) => void): Promise<boolean> {
  try {
    // the run keeps the schema its data was read with, so it can be re-read (export check, resume) as it trained
    const schema = run.schema ?? (await datasetSchema(run.datasetId));
    if (schema) run.schema = schema;
    await putRun(run);
  } catch (e) {
    set({ phase: 'idle', error: storageErrorMessage(e, 'the new run') });
    return false;
  }
  useRuns.getState().upsert(run);
  return true;
}

/**
 * A one-pass fit (the matcher, clustering) cannot stop between epochs: ending its worker ends the
 * run. Marks the run stopped in the runs list and in storage, saying what was cut short.
 */
export function markStopped(run: RunRecord, message: string, writer: RunWriter): void {
  const changes = { status: 'user-stopped' as const, message, finishedAt: Date.now(), durationMs: Date.now() - run.startedAt };
  const cur = useRuns.getState().runs.find((r) => r.id === run.id);
  if (cur) useRuns.getState().upsert({ ...cur, ...changes } as RunRecord);
  writer.persist('the run', () => updateRun(run.id, changes));
}

/**
 * Stop pressed: the button says "Stopping…" at once. Pressed while the run is still being stored
 * (no worker yet), the stop is kept in the phase and `stopIfRequested` sends it as soon as the
 * worker exists, instead of being dropped.
 */
export function requestStop(session: { stop(): void } | null, get: () => LiveRunState, set: (p: Partial<LiveRunState>) => void): void {
  if (!session && get().phase !== 'starting') return;
  set({ phase: 'stopping' });
  session?.stop();
}

/** Right after a run's worker starts: sends a stop pressed while it was starting. */
export function stopIfRequested(session: { stop(): void }, get: () => LiveRunState): void {
  if (get().phase === 'stopping') session.stop();
}

export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * The event handling all families share for one live run: the stored run kept in step with the
 * runs list, progress from batch reports, curves written as they come, and the finish that
 * reads as finished only once the run's artifacts are stored (a reload right after "done" then
 * finds everything the screen showed).
 */
export type LiveRun<R extends RunRecord> = ReturnType<typeof liveRun<R>>;

export function liveRun<R extends RunRecord>(run: R, set: (p: Partial<LiveRunState>) => void, get: () => LiveRunState, writer: RunWriter, updates: LiveUpdatesOptions = {}) {
  // batch and epoch reports reach the store coalesced (live-updates.ts); every other event
  // applies what is buffered first, so the screen sees the reports in the order they came
  const buffered = liveUpdates(set, get, { current: () => get().runId === run.id, ...updates });
  const refresh = (changes: Partial<R>) => {
    const cur = useRuns.getState().runs.find((r) => r.id === run.id);
    if (cur) useRuns.getState().upsert({ ...cur, ...changes } as RunRecord);
    writer.persist('the run', () => updateRun(run.id, changes));
  };
  return {
    refresh,
    /** `resumedFrom`: a resumed run's progress starts at its checkpoint's epoch */
    init(ev: { backend: BackendName; skipped: { backend: BackendName; reason: string }[]; stepsPerEpoch: number; resumedFrom?: number }, totalEpochs: number, changes: Partial<R> = {}) {
      const note = fallbackNote(ev.skipped);
      buffered.flush();
      set({ phase: get().phase === 'stopping' ? 'stopping' : 'training', backend: ev.backend, backendNote: note, progress: { epoch: ev.resumedFrom ?? 0, totalEpochs, step: 0, stepsPerEpoch: ev.stepsPerEpoch, etaMs: null, samplesPerSec: 0 } });
      refresh({ backend: ev.backend, backendNote: note ?? undefined, ...changes });
    },
    /** a stage of the worker beginning (backend, preprocessing, upload, first step, evaluation) */
    stage(ev: { stage: RunStage; detail?: string }) {
      buffered.flush();
      set({ runStage: { name: ev.stage, detail: ev.detail, at: Date.now() } });
    },
    batch(ev: BatchLike & { loss: number }) {
      const rec: StepMetricRecord = { runId: run.id, kind: 'step', seq: ev.globalStep, epoch: ev.epoch, loss: ev.loss };
      buffered.batch(rec, ev);
      writer.queueMetric(rec);
    },
    epoch(rec: EpochMetricRecord, memoryWarning?: string) {
      buffered.epoch(rec, memoryWarning);
      writer.queueMetric(rec);
      if (memoryWarning) refresh({ memoryWarning } as Partial<R>);
    },
    finish(artifacts: ArtifactRecord[], finished: Partial<R>, nonFiniteMessage: string | null) {
      const f = finished as { status?: RunRecord['status']; epochsRun?: number };
      const reason: EndReason = f.status === 'running' || f.status === undefined ? 'completed' : f.status;
      buffered.close();
      set({ phase: 'saving', runStage: null, progress: finishedProgress(get().progress, reason, f.epochsRun) });
      writer.persist('the trained model', async () => {
        await putArtifacts(artifacts);
        await updateRun(run.id, finished);
        const cur = useRuns.getState().runs.find((r) => r.id === run.id);
        if (cur) useRuns.getState().upsert({ ...cur, ...finished } as RunRecord);
        set({ phase: 'finished', artifactsSaved: get().artifactsSaved + 1, error: nonFiniteMessage });
      });
    },
    error(message: string) {
      buffered.close();
      set({ phase: 'finished', error: message, runStage: null, progress: finishedProgress(get().progress, 'failed', undefined) });
      refresh({ status: 'failed', message, finishedAt: Date.now(), durationMs: Date.now() - run.startedAt } as Partial<R>);
    },
  };
}
