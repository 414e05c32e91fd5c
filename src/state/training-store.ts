import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { storageErrorMessage } from '../db/db';
import { putArtifacts, putRun, updateRun } from '../db/runs-repo';
import { createRunWriter } from './run-writer';
import { advanceProgress, fallbackNote, type LiveProgress } from './live-progress';
import type { EpochMetricRecord, TabularRunRecord as RunRecord, StepMetricRecord } from '../db/records';
import type { BackendName, BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import type { TrainEvent } from '../../workers/train.protocol';
import type { Setup } from './setup-defaults';
import { useRuns } from './runs-store';

export type { LiveProgress };

interface TrainingState {
  runId: string | null;
  phase: 'idle' | 'starting' | 'training' | 'stopping' | 'saving' | 'finished';
  backend: BackendName | null;
  backendNote: string | null;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
  progress: LiveProgress | null;
  error: string | null;
  memoryWarning: string | null;
  /** bumps when a run's model and predictions are in IndexedDB, so views reading them reload */
  artifactsSaved: number;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: Setup; backend: BackendPreference }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession | null = null;

function runName(setup: Setup, datasetName: string): string {
  const arch = setup.model.architecture === 'mlp' ? `mlp ${setup.model.hiddenUnits.join('×')}` : setup.task.kind === 'regression' ? 'linear' : 'logistic';
  return `${datasetName} · ${setup.task.target} · ${arch}`;
}

export const useTraining = create<TrainingState>((set, get) => {
  const { persist, queueMetric } = createRunWriter((error) => set({ error }));
  const refreshRun = (id: string, changes: Partial<RunRecord>) => {
    const cur = useRuns.getState().runs.find((r): r is RunRecord => r.id === id && r.family === 'tabular');
    if (cur) useRuns.getState().upsert({ ...cur, ...changes });
    persist('the run', () => updateRun(id, changes));
  };

  const onEvent = (run: RunRecord) => (ev: TrainEvent) => {
    const started = run.startedAt;
    switch (ev.status) {
      case 'init': {
        const note = fallbackNote(ev.skipped);
        set({ phase: get().phase === 'stopping' ? 'stopping' : 'training', backend: ev.backend, backendNote: note, progress: { epoch: 0, totalEpochs: run.model.epochs, step: 0, stepsPerEpoch: ev.stepsPerEpoch, etaMs: null, samplesPerSec: 0 } });
        refreshRun(run.id, { backend: ev.backend, backendNote: note ?? undefined, splitSizes: ev.splitSizes, featureNames: ev.featureNames });
        break;
      }
      case 'batch': {
        const rec: StepMetricRecord = { runId: run.id, kind: 'step', seq: ev.globalStep, epoch: ev.epoch, loss: ev.loss };
        set({ steps: [...get().steps, rec], progress: advanceProgress(get().progress, ev, started) });
        queueMetric(rec);
        break;
      }
      case 'epoch': {
        const rec: EpochMetricRecord = {
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
        };
        set({ epochs: [...get().epochs, rec], ...(ev.memoryWarning ? { memoryWarning: ev.memoryWarning } : {}) });
        queueMetric(rec);
        if (ev.memoryWarning) refreshRun(run.id, { memoryWarning: ev.memoryWarning });
        break;
      }
      case 'done': {
        session = null;
        const status = ev.reason;
        const finished = { status, message: ev.message, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics: ev.finalMetrics, task: ev.task };
        // the run reads as finished only once its curves, weights and predictions are stored:
        // a reload right after "done" then finds everything the screen showed
        set({ phase: 'saving' });
        persist('the trained model', async () => {
          await putArtifacts([
            { id: `${run.id}:model`, runId: run.id, kind: 'tabular-model', data: ev.model, createdAt: Date.now() },
            { id: `${run.id}:preprocess`, runId: run.id, kind: 'preprocess', data: ev.preprocess, createdAt: Date.now() },
            { id: `${run.id}:predictions`, runId: run.id, kind: 'predictions', data: ev.predictions, createdAt: Date.now() },
          ]);
          await updateRun(run.id, finished);
          const cur = useRuns.getState().runs.find((r): r is RunRecord => r.id === run.id && r.family === 'tabular');
          if (cur) useRuns.getState().upsert({ ...cur, ...finished });
          set({ phase: 'finished', artifactsSaved: get().artifactsSaved + 1, error: status === 'non-finite-loss' ? (ev.message ?? 'the loss became NaN') : null });
        });
        break;
      }
      case 'error':
        session = null;
        set({ phase: 'finished', error: ev.message });
        refreshRun(run.id, { status: 'failed', message: ev.message, finishedAt: Date.now(), durationMs: Date.now() - started });
        break;
    }
  };

  return {
    runId: null,
    phase: 'idle',
    backend: null,
    backendNote: null,
    epochs: [],
    steps: [],
    progress: null,
    error: null,
    memoryWarning: null,
    artifactsSaved: 0,
    start: async ({ frame, datasetId, datasetName, setup, backend }) => {
      if (session) return;
      const id = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
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
      set({ runId: id, phase: 'starting', backend: null, backendNote: null, epochs: [], steps: [], progress: null, error: null, memoryWarning: null });
      try {
        await putRun(run);
      } catch (e) {
        set({ phase: 'idle', error: storageErrorMessage(e, 'the new run') });
        return;
      }
      useRuns.getState().upsert(run);
      session = new TrainSession({ type: 'train', id, frame, task: setup.task, split: setup.split, preprocess: setup.preprocess, model: setup.model, backend }, onEvent(run));
    },
    stop: () => {
      if (!session) return;
      set({ phase: 'stopping' });
      session.stop();
    },
  };
});
