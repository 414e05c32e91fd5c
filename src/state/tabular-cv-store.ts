import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import type { TabularRunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import { defaultCvConfig, foldMeans, type CvConfig } from '../ml/eval/cross-validation';
import type { FoldOutcome } from '../ml/eval/cv-result';
import type { TabularCvEvent, TabularCvRequest } from '../../workers/train-runs/tabular-cv.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState, requestStop, stopIfRequested } from './live-run';
import type { Setup } from './tabular-setup';
import { useSettings } from './settings-store';

interface TabularCvState extends LiveRunState {
  /** fold settings per dataset */
  configs: Record<string, CvConfig>;
  setConfig: (datasetId: string, c: CvConfig) => void;
  folds: FoldOutcome[];
  foldTotal: number;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: Setup; cv: CvConfig; backend: BackendPreference }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession<TabularCvRequest, TabularCvEvent> | null = null;

/** k-fold cross-validation of the tabular family: the same task, preprocessing and network as the train panel. */
export const useTabularCv = create<TabularCvState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: TabularRunRecord) => {
    const live = liveRun(run, set, get, writer);
    let seq = 0;
    return (ev: TabularCvEvent) => {
      switch (ev.status) {
        case 'init':
          set({ foldTotal: ev.folds });
          return live.init({ ...ev, stepsPerEpoch: 1 }, run.model.epochs * ev.folds, { featureNames: ev.featureNames, engine: ev.engine });
        case 'epoch':
          seq++;
          set({ progress: { epoch: seq, totalEpochs: get().progress?.totalEpochs ?? seq, step: 1, stepsPerEpoch: 1, etaMs: null, samplesPerSec: 0 } });
          return live.epoch({ runId: run.id, kind: 'epoch', seq, trainLoss: ev.trainLoss, valLoss: ev.valLoss, valMetrics: { fold: ev.fold, round: ev.epoch }, numTensors: ev.numTensors, elapsedMs: ev.elapsedMs, samplesPerSec: 0 }, ev.memoryWarning);
        case 'stage':
          return live.stage(ev);
        case 'fold':
          return set({ folds: [...get().folds, ev.result] });
        case 'done': {
          session = null;
          return live.finish([{ id: `${run.id}:cv-result`, runId: run.id, kind: 'cv-result', data: ev.cv, createdAt: Date.now() }], { status: ev.reason, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.cv.folds.length, finalMetrics: foldMeans(ev.cv.summary) }, null);
        }
        case 'error':
          session = null;
          return live.error(ev.message);
      }
    };
  };

  return {
    ...IDLE_RUN,
    configs: {},
    folds: [],
    foldTotal: 0,
    setConfig: (datasetId, c) => set({ configs: { ...get().configs, [datasetId]: c } }),
    start: async ({ frame, datasetId, datasetName, setup, cv, backend }) => {
      if (session) return;
      const id = newRunId();
      const arch = setup.model.architecture === 'mlp' ? `mlp ${setup.model.hiddenUnits.join('×')}` : 'linear';
      const run: TabularRunRecord = {
        id,
        family: 'tabular',
        name: `${datasetName} · ${setup.task.target} · ${arch} · ${cv.folds}-fold CV${cv.repeats > 1 ? ` ×${cv.repeats}` : ''}`,
        datasetId,
        datasetName,
        task: setup.task,
        split: setup.split,
        cv,
        preprocess: setup.preprocess,
        model: setup.model,
        backendRequested: backend,
        status: 'running',
        startedAt: Date.now(),
      };
      set({ ...startingRun(id), folds: [], foldTotal: 0 });
      if (!(await storeNewRun(run, set))) return;
      // the Engine setting, as a single run reads it: the folds estimate what that run trains
      const engine = useSettings.getState().engine;
      session = new TrainSession<TabularCvRequest, TabularCvEvent>({ type: 'train', run: 'tabular-cv', id, frame, task: setup.task, cv, preprocess: setup.preprocess, model: setup.model, backend, engine }, onEvent(run));
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});

export function cvConfigFor(configs: Record<string, CvConfig>, datasetId: string, kind: Setup['task']['kind']): CvConfig {
  return configs[datasetId] ?? { ...defaultCvConfig(), strategy: kind === 'regression' ? 'kfold' : 'stratified' };
}
