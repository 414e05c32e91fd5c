import { create } from 'zustand';
import { WorkerSession } from '../app/worker-session';
import type { SearchRunRecord } from '../db/records';
import { putArtifacts } from '../db/runs-repo';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { Frame } from '../ml/data/frame';
import type { MetricMap } from '../ml/metrics/evaluate';
import type { SearchResult, Trial } from '../ml/tune/search';
import { partialResult, trialCounts, type StoredSearchResult, type StudySpec } from '../ml/tune/study';
import type { TaskKind } from '../ml/task';
import type { TuneEvent, TuneStart } from '../../workers/tune.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState } from './live-run';
import type { Setup } from './setup-defaults';
import { defaultTuneSetup, studySpec, type TuneSetup } from './tune-setup';

interface TuneState extends LiveRunState {
  /** the search form per dataset */
  setups: Record<string, TuneSetup>;
  update: (datasetId: string, kind: TaskKind, f: (s: TuneSetup) => TuneSetup) => void;
  /** the live search's trials by index: finished ones and the one running */
  trials: Trial[];
  /** the finished ones only: charts read these, so an epoch of the running trial does not redraw them */
  finished: Trial[];
  /** trials planned */
  total: number;
  /** epochs a trial runs at most */
  maxEpochs: number;
  /** the running trial and its last epoch */
  current: { trial: number; epoch: number } | null;
  study: StudySpec | null;
  result: SearchResult | null;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: Setup; tune: TuneSetup; backend: BackendPreference }) => Promise<void>;
  stop: () => void;
}

let session: WorkerSession<TuneStart, TuneEvent> | null = null;

export function tuneSetupFor(setups: Record<string, TuneSetup>, datasetId: string, kind: TaskKind): TuneSetup {
  return setups[datasetId] ?? defaultTuneSetup(kind);
}

function withTrial(trials: Trial[], t: Trial): Trial[] {
  const out = trials.slice();
  out[t.index] = t;
  return out;
}

/** The run's headline: the best trial's value under the study metric, and how the trials went. */
export function searchMetrics(study: StudySpec, trials: Trial[], best: Trial | null): MetricMap {
  const c = trialCounts(trials);
  return {
    ...(best && best.value !== null ? { [study.metric]: best.value, best_trial: best.index + 1 } : {}),
    trials: trials.length,
    complete: c.complete,
    pruned: c.pruned,
    failed: c.failed,
  };
}

export const useTune = create<TuneState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: SearchRunRecord) => {
    const live = liveRun(run, set, get, writer);
    const artifact = (data: StoredSearchResult) => ({ id: `${run.id}:search-result`, runId: run.id, kind: 'search-result' as const, data, createdAt: Date.now() });
    return (ev: TuneEvent) => {
      switch (ev.status) {
        case 'init':
          set({ maxEpochs: ev.maxEpochs });
          return live.init({ ...ev, stepsPerEpoch: 1 }, ev.maxEpochs, { splitSizes: ev.splitSizes, featureNames: ev.featureNames });
        case 'epoch':
          return set({ trials: withTrial(get().trials, ev.trial), current: { trial: ev.trial.index, epoch: ev.epoch } });
        case 'trial': {
          const trials = withTrial(get().trials, ev.trial);
          if (ev.trial.state === 'running') return set({ trials, current: { trial: ev.trial.index, epoch: 0 } });
          const done = trials.filter((t) => t.state !== 'running');
          set({ trials, finished: done, ...(ev.memoryWarning ? { memoryWarning: ev.memoryWarning } : {}) });
          // finished trials are written as they come, so a reload mid-search keeps them
          const partial = partialResult(run.study, done);
          writer.persist('the finished trials', () => putArtifacts([artifact(partial)]));
          return live.refresh({ epochsRun: done.length, finalMetrics: searchMetrics(run.study, done, partial.best), ...(ev.memoryWarning ? { memoryWarning: ev.memoryWarning } : {}) });
        }
        case 'done': {
          session = null;
          const r = ev.result;
          set({ result: r, trials: r.trials, finished: r.trials, current: null });
          return live.finish(
            [artifact(r)],
            { status: r.reason, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: r.trials.length, bestEpoch: r.best ? r.best.index + 1 : undefined, finalMetrics: searchMetrics(run.study, r.trials, r.best) },
            null,
          );
        }
        case 'error':
          session = null;
          set({ current: null });
          return live.error(ev.message);
      }
    };
  };

  return {
    ...IDLE_RUN,
    setups: {},
    trials: [],
    finished: [],
    total: 0,
    maxEpochs: 0,
    current: null,
    study: null,
    result: null,
    update: (datasetId, kind, f) => set({ setups: { ...get().setups, [datasetId]: f(tuneSetupFor(get().setups, datasetId, kind)) } }),
    start: async ({ frame, datasetId, datasetName, setup, tune, backend }) => {
      if (session) return;
      const id = newRunId();
      const study = studySpec(tune, setup.task.kind);
      const run: SearchRunRecord = {
        id,
        family: 'search',
        trialFamily: 'tabular',
        name: `${datasetName} · ${setup.task.target} · search ${study.trials} trials · ${study.sampler === 'tpe' ? 'TPE' : 'random'}${study.pruner ? ' · pruned' : ''}`,
        datasetId,
        datasetName,
        task: setup.task,
        split: setup.split,
        preprocess: setup.preprocess,
        base: setup.model,
        study,
        backendRequested: backend,
        status: 'running',
        startedAt: Date.now(),
      };
      set({ ...startingRun(id), trials: [], finished: [], total: study.trials, maxEpochs: setup.model.epochs, current: null, study, result: null });
      if (!(await storeNewRun(run, set))) return;
      session = new WorkerSession<TuneStart, TuneEvent>(
        () => new Worker(new URL('../../workers/tune.worker.ts', import.meta.url), { type: 'module' }),
        { type: 'tune', id, family: 'tabular', frame, task: setup.task, split: setup.split, preprocess: setup.preprocess, base: setup.model, backend, ...study },
        onEvent(run),
        (message) => ({ status: 'error', id, message }),
      );
    },
    stop: () => {
      if (!session) return;
      set({ phase: 'stopping' });
      session.stop();
    },
  };
});
