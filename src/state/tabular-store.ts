import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { createRunWriter } from './run-writer';
import { useSettings } from './settings-store';
import type { EnginePreference } from '../ml/engine/engine-choice';
import { netRunEvents } from './net-run-events';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, requestStop, stopIfRequested } from './live-run';
import type { TabularRunRecord as RunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import type { TabularTrainEvent, TabularTrainRequest } from '../../workers/train-runs/tabular.protocol';
import type { Setup } from './tabular-setup';
import { checkpointTransferables } from '../ml/models/checkpoint';
import { beginResume, liveCheckpoints, resumeEngine, runFrame, type ResumableState } from './run-resume';

interface TrainingState extends ResumableState {
  /** `engine` overrides the Engine setting (a search's best trial retrains on the engine its trials ran on) */
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: Setup; backend: BackendPreference; engine?: EnginePreference }) => Promise<void>;
}

let session: TrainSession<TabularTrainRequest, TabularTrainEvent> | null = null;

function runName(setup: Setup, datasetName: string): string {
  const arch = setup.model.architecture === 'mlp' ? `mlp ${setup.model.hiddenUnits.join('×')}` : setup.task.kind === 'regression' ? 'linear' : 'logistic';
  return `${datasetName} · ${setup.task.target} · ${arch}`;
}

export const useTraining = create<TrainingState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));


  const onEvent = (run: RunRecord) => {
    const live = liveRun(run, set, get, writer);
    const checkpoints = liveCheckpoints(run.id, writer, set, get);
    return netRunEvents<RunRecord, TabularTrainEvent>(run, live, checkpoints, writer, {
      init: (ev) => live.init(ev, run.model.epochs, { splitSizes: ev.splitSizes, featureNames: ev.featureNames, engine: ev.engine }),
      epochRecord: (ev) => ({
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
      }),
      finished: (ev) => ({
        artifacts: [
          { id: `${run.id}:model`, runId: run.id, kind: 'tabular-model', data: ev.model, createdAt: Date.now() },
          { id: `${run.id}:preprocess`, runId: run.id, kind: 'preprocess', data: ev.preprocess, createdAt: Date.now() },
          { id: `${run.id}:predictions`, runId: run.id, kind: 'predictions', data: ev.predictions, createdAt: Date.now() },
        ],
        changes: { finalMetrics: ev.finalMetrics, task: ev.task },
      }),
      ended: () => (session = null),
    });
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
      session = new TrainSession({ type: 'train', run: 'tabular', id, frame, task: setup.task, split: setup.split, preprocess: setup.preprocess, model: setup.model, backend, engine, measureSoftwareGpu }, onEvent(run));
      stopIfRequested(session, get);
    },
    resume: async (runId) => {
      // 'starting' covers the reads before the worker exists: a second click must not start a second resume
      if (session || get().phase === 'starting') return;
      const plan = await beginResume<RunRecord, Frame>(runId, 'tabular', runFrame, set);
      if (!plan) return;
      const { run, checkpoint } = plan;
      session = new TrainSession(
        { type: 'train', run: 'tabular', id: run.id, frame: plan.inputs, task: run.task, split: run.split, preprocess: run.preprocess, model: run.model, ...resumeEngine(run), resume: checkpoint },
        onEvent(run),
        checkpointTransferables(checkpoint),
      );
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
