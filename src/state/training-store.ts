import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState } from './live-run';
import type { TabularRunRecord as RunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import type { TrainEvent } from '../../workers/train.protocol';
import type { Setup } from './setup-defaults';

export type { LiveProgress } from './live-progress';

interface TrainingState extends LiveRunState {
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: Setup; backend: BackendPreference }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession | null = null;

function runName(setup: Setup, datasetName: string): string {
  const arch = setup.model.architecture === 'mlp' ? `mlp ${setup.model.hiddenUnits.join('×')}` : setup.task.kind === 'regression' ? 'linear' : 'logistic';
  return `${datasetName} · ${setup.task.target} · ${arch}`;
}

export const useTraining = create<TrainingState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: RunRecord) => {
    const live = liveRun(run, set, get, writer);
    return (ev: TrainEvent) => {
      switch (ev.status) {
        case 'init':
          return live.init(ev, run.model.epochs, { splitSizes: ev.splitSizes, featureNames: ev.featureNames });
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
        case 'done':
          session = null;
          return live.finish(
            [
              { id: `${run.id}:model`, runId: run.id, kind: 'tabular-model', data: ev.model, createdAt: Date.now() },
              { id: `${run.id}:preprocess`, runId: run.id, kind: 'preprocess', data: ev.preprocess, createdAt: Date.now() },
              { id: `${run.id}:predictions`, runId: run.id, kind: 'predictions', data: ev.predictions, createdAt: Date.now() },
            ],
            { status: ev.reason, message: ev.message, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics: ev.finalMetrics, task: ev.task },
            ev.reason === 'non-finite-loss' ? (ev.message ?? 'the loss became NaN') : null,
          );
        case 'error':
          session = null;
          return live.error(ev.message);
      }
    };
  };

  return {
    ...IDLE_RUN,
    start: async ({ frame, datasetId, datasetName, setup, backend }) => {
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
      set(startingRun(id));
      if (!(await storeNewRun(run, set))) return;
      session = new TrainSession({ type: 'train', id, frame, task: setup.task, split: setup.split, preprocess: setup.preprocess, model: setup.model, backend }, onEvent(run));
    },
    stop: () => {
      if (!session) return;
      set({ phase: 'stopping' });
      session.stop();
    },
  };
});
