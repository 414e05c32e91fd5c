import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { createRunWriter } from './run-writer';
import { useSettings } from './settings-store';
import type { EnginePreference } from '../ml/engine/engine-choice';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState, requestStop, stopIfRequested } from './live-run';
import type { TabularRunRecord as RunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import type { TrainEvent } from '../../workers/train.protocol';
import type { Setup } from './setup-defaults';
import { checkpointRecord, deleteCheckpoints, putCheckpoint } from '../db/checkpoints-repo';
import { checkpointTransferables } from '../ml/models/checkpoint';
import { prepareResume } from './tabular-resume';
import { useRuns } from './runs-store';

export type { LiveProgress } from './live-progress';

interface TrainingState extends LiveRunState {
  /** the live run's latest checkpoint once it is in IndexedDB */
  checkpoint: { epoch: number; bytes: number } | null;
  /** `engine` overrides the Engine setting (a search's best trial retrains on the engine its trials ran on) */
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: Setup; backend: BackendPreference; engine?: EnginePreference }) => Promise<void>;
  /** continues a stored tabular run from its checkpoint; the curve after the checkpoint epoch is trained again */
  resume: (runId: string) => Promise<void>;
  stop: () => void;
}

let session: TrainSession | null = null;

function runName(setup: Setup, datasetName: string): string {
  const arch = setup.model.architecture === 'mlp' ? `mlp ${setup.model.hiddenUnits.join('×')}` : setup.task.kind === 'regression' ? 'linear' : 'logistic';
  return `${datasetName} · ${setup.task.target} · ${arch}`;
}

export const useTraining = create<TrainingState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  /** a view showing this run reloads it (status, final metrics, the whole curve) once the writes before are done */
  const reopen = (runId: string) =>
    writer.persist('the run view', async () => {
      if (useRuns.getState().open?.run.id === runId) await useRuns.getState().openRun(runId);
    });

  const onEvent = (run: RunRecord) => {
    const live = liveRun(run, set, get, writer);
    return (ev: TrainEvent) => {
      switch (ev.status) {
        case 'init':
          live.init(ev, run.model.epochs, { splitSizes: ev.splitSizes, featureNames: ev.featureNames, engine: ev.engine });
          if (ev.resumedFrom !== undefined) set({ progress: get().progress && { ...get().progress!, epoch: ev.resumedFrom } });
          return;
        case 'stage':
          return live.stage(ev);
        case 'batch':
          return live.batch(ev);
        case 'epoch':
          return live.epoch(
            {
              runId: run.id,
              kind: 'epoch',
              seq: ev.epoch,
              trainLoss: ev.trainLoss,
              valLoss: ev.valLoss,
              valMetrics: ev.valMetrics,
              numTensors: ev.numTensors,
              elapsedMs: ev.elapsedMs,
              samplesPerSec: ev.samplesPerSec,
              ...(ev.reliability ? { reliability: ev.reliability } : {}),
            },
            ev.memoryWarning,
          );
        case 'checkpoint': {
          const { epoch } = ev.checkpoint;
          const rec = checkpointRecord(run.id, ev.checkpoint, ev.bytes);
          // a refused write (quota) keeps the previous checkpoint whole and training goes on
          return writer.persist(`the checkpoint of epoch ${epoch} (training goes on; a resume starts from the last checkpoint saved)`, async () => {
            await putCheckpoint(rec);
            if (get().runId === run.id) set({ checkpoint: { epoch, bytes: ev.bytes } });
          });
        }
        case 'done':
          session = null;
          live.finish(
            [
              { id: `${run.id}:model`, runId: run.id, kind: 'tabular-model', data: ev.model, createdAt: Date.now() },
              { id: `${run.id}:preprocess`, runId: run.id, kind: 'preprocess', data: ev.preprocess, createdAt: Date.now() },
              { id: `${run.id}:predictions`, runId: run.id, kind: 'predictions', data: ev.predictions, createdAt: Date.now() },
            ],
            { status: ev.reason, message: ev.message, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics: ev.finalMetrics, task: ev.task },
            ev.reason === 'non-finite-loss' ? (ev.message ?? 'the loss became NaN') : null,
          );
          // only a stop leaves something to resume; a finished run's checkpoint would just take space
          if (ev.reason !== 'user-stopped') {
            writer.persist('the run (removing its checkpoint)', async () => {
              await deleteCheckpoints(run.id);
              if (get().runId === run.id) set({ checkpoint: null });
            });
          }
          return reopen(run.id);
        case 'error':
          session = null;
          live.error(ev.message);
          return reopen(run.id);
      }
    };
  };

  return {
    ...IDLE_RUN,
    checkpoint: null,
    start: async ({ frame, datasetId, datasetName, setup, backend, engine: engineOverride }) => {
      if (session) return;
      const id = newRunId();
      const run: RunRecord = {
        id,
        family: 'tabular',
        name: runName(setup, datasetName),
        datasetId,
        datasetName,
        task: setup.task,
        split: setup.split,
        preprocess: setup.preprocess,
        model: setup.model,
        backendRequested: backend,
        status: 'running',
        startedAt: Date.now(),
      };
      set({ ...startingRun(id), checkpoint: null });
      if (!(await storeNewRun(run, set))) return;
      const engine = engineOverride ?? useSettings.getState().engine;
      const measureSoftwareGpu = useSettings.getState().measureSoftwareGpu || undefined;
      session = new TrainSession({ type: 'train', id, frame, task: setup.task, split: setup.split, preprocess: setup.preprocess, model: setup.model, backend, engine, measureSoftwareGpu }, onEvent(run));
      stopIfRequested(session, get);
    },
    resume: async (runId) => {
      // 'starting' covers the reads before the worker exists: a second click must not start a second resume
      if (session || get().phase === 'starting') return;
      set({ ...startingRun(runId), checkpoint: null });
      let plan: Awaited<ReturnType<typeof prepareResume>>;
      try {
        plan = await prepareResume(runId);
      } catch (e) {
        set({ phase: 'idle', error: `Could not resume: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      const { run, checkpoint } = plan;
      useRuns.getState().upsert(run);
      set({ epochs: plan.epochs, steps: plan.steps, checkpoint: { epoch: checkpoint.epoch, bytes: plan.bytes } });
      if (useRuns.getState().open?.run.id === runId) await useRuns.getState().openRun(runId);
      // the engine and backend the run trained on: only those continue it bit for bit (runs from before the engine trained on TF.js)
      // a run Kiln's WebGPU engine trained continues there: the webgpu backend with Kiln's engine picks it
      const backend = run.engine?.runsOn === 'webgpu' ? 'webgpu' : (run.backend ?? run.backendRequested);
      const engine = run.engine?.engine ?? 'tfjs';
      session = new TrainSession(
        { type: 'train', id: run.id, frame: plan.frame, task: run.task, split: run.split, preprocess: run.preprocess, model: run.model, backend, engine, resume: checkpoint },
        onEvent(run),
        checkpointTransferables(checkpoint),
      );
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
