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
import { gbdtRunSpec } from './gbdt-store';
import type { GbdtSetup } from './gbdt-setup';
import { createRunWriter } from './run-writer';
import { coalesced } from './live-updates';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState, requestStop, stopIfRequested } from './live-run';
import type { Setup } from './setup-defaults';
import { defaultTuneSetup, studySpec, type TuneFamily, type TuneSetup } from './tune-setup';
import { useSettings } from './settings-store';

type StartArgs = { frame: Frame; datasetId: string; datasetName: string; tune: TuneSetup } & ({ family?: 'tabular'; setup: Setup; backend: BackendPreference } | { family: 'gbdt'; setup: GbdtSetup });

interface TuneState extends LiveRunState {
  /** the search form per dataset */
  setups: Record<string, TuneSetup>;
  update: (datasetId: string, kind: TaskKind, f: (s: TuneSetup) => TuneSetup, family?: TuneFamily) => void;
  /** the family the live (or last) search trains */
  family: TuneFamily;
  /** the live search's trials by index: finished ones and the one running */
  trials: Trial[];
  /** the finished ones only: charts read these, so an epoch of the running trial does not redraw them */
  finished: Trial[];
  /** how many finished trials IndexedDB holds: a reload keeps these (a trial can finish on screen a moment before it is written) */
  savedTrials: number;
  /** trials planned */
  total: number;
  /** epochs (GBDT: rounds) a trial runs at most */
  maxEpochs: number;
  /** the running trial and its last epoch */
  current: { trial: number; epoch: number } | null;
  study: StudySpec | null;
  result: SearchResult | null;
  start: (args: StartArgs) => Promise<void>;
  stop: () => void;
}

let session: WorkerSession<TuneStart, TuneEvent> | null = null;

/** Tabular forms keep the plain dataset id as their key (as stored before other families could search). */
function setupKey(datasetId: string, family: TuneFamily): string {
  return family === 'tabular' ? datasetId : `${family}:${datasetId}`;
}

export function tuneSetupFor(setups: Record<string, TuneSetup>, datasetId: string, kind: TaskKind, family: TuneFamily = 'tabular', growth?: GbdtSetup['model']['growth']): TuneSetup {
  return setups[setupKey(datasetId, family)] ?? defaultTuneSetup(kind, family, growth);
}

/** The run record and the worker request of a search, from the family's form. */
function searchOf(id: string, a: StartArgs, study: StudySpec): { run: SearchRunRecord; request: TuneStart; maxSteps: number } {
  const common = {
    id,
    family: 'search' as const,
    datasetId: a.datasetId,
    datasetName: a.datasetName,
    study,
    status: 'running' as const,
    startedAt: Date.now(),
  };
  const label = `search ${study.trials} trials · ${study.sampler === 'tpe' ? 'TPE' : 'random'}${study.pruner ? ' · pruned' : ''}`;
  if (a.family === 'gbdt') {
    const spec = gbdtRunSpec({ ...a.setup, mode: 'holdout' }, a.datasetName);
    const split = a.setup.split;
    return {
      run: { ...common, trialFamily: 'gbdt', name: `${a.datasetName} · ${spec.task.target} · GBDT ${label}`, task: spec.task, split, base: a.setup.model, backendRequested: 'auto' },
      request: { type: 'tune', id, family: 'gbdt', frame: a.frame, source: a.datasetName, task: spec.task, split, base: a.setup.model, backend: 'auto', ...study },
      maxSteps: a.setup.model.rounds,
    };
  }
  const s = a.setup;
  return {
    run: { ...common, trialFamily: 'tabular', name: `${a.datasetName} · ${s.task.target} · ${label}`, task: s.task, split: s.split, preprocess: s.preprocess, base: s.model, backendRequested: a.backend },
    // trials train on the engine a single run would (the Engine setting), which the best trial retrains on
    request: { type: 'tune', id, family: 'tabular', frame: a.frame, task: s.task, split: s.split, preprocess: s.preprocess, base: s.model, backend: a.backend, engine: useSettings.getState().engine, ...study },
    maxSteps: s.model.epochs,
  };
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
    // Trial updates are coalesced (live-updates.ts): each trial's latest state since the last
    // update is applied at once. An epoch of the running trial waits for the interval; a trial's
    // start or end is urgent, shown as soon as the last render's cost allows. Once trials take a
    // fraction of a second (Kiln's engine on a small table), rendering the table and charts and
    // writing the finished trials at every start and end fell behind the worker: the page stopped
    // answering, and Stop could not be clicked until the search was over.
    const changed = new Map<number, Trial>();
    let current: TuneState['current'] = null;
    let finishedChanged = false;
    let memoryWarning: string | undefined;
    const artifact = (data: StoredSearchResult) => ({ id: `${run.id}:search-result`, runId: run.id, kind: 'search-result' as const, data, createdAt: Date.now() });
    const updates = coalesced(() => {
      if (!changed.size || get().runId !== run.id) return false;
      let trials = get().trials;
      for (const t of changed.values()) trials = withTrial(trials, t);
      changed.clear();
      if (!finishedChanged) {
        set({ trials, current });
        return true;
      }
      finishedChanged = false;
      const done = trials.filter((t) => t.state !== 'running');
      set({ trials, current, finished: done, ...(memoryWarning ? { memoryWarning } : {}) });
      // finished trials are written as they come, so a reload mid-search keeps them
      const partial = partialResult(run.study, done);
      writer.persist('the finished trials', async () => {
        await putArtifacts([artifact(partial)]);
        if (get().runId === run.id) set({ savedTrials: Math.max(get().savedTrials, done.length) });
      });
      live.refresh({ epochsRun: done.length, finalMetrics: searchMetrics(run.study, done, partial.best), ...(memoryWarning ? { memoryWarning } : {}) });
      return true;
    });
    return (ev: TuneEvent) => {
      switch (ev.status) {
        case 'init':
          set({ maxEpochs: ev.maxEpochs });
          return live.init({ ...ev, stepsPerEpoch: 1 }, ev.maxEpochs, { splitSizes: ev.splitSizes, featureNames: ev.featureNames, ...(ev.engine ? { engine: ev.engine } : {}) });
        case 'stage':
          return live.stage(ev);
        case 'epoch':
          changed.set(ev.trial.index, ev.trial);
          current = { trial: ev.trial.index, epoch: ev.epoch };
          return updates.request();
        case 'trial':
          changed.set(ev.trial.index, ev.trial);
          if (ev.trial.state === 'running') current = { trial: ev.trial.index, epoch: 0 };
          else finishedChanged = true;
          if (ev.memoryWarning) memoryWarning = ev.memoryWarning;
          return updates.request(true);
        case 'done': {
          session = null;
          updates.close();
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
          updates.close();
          set({ current: null });
          return live.error(ev.message);
      }
    };
  };

  return {
    ...IDLE_RUN,
    setups: {},
    family: 'tabular',
    trials: [],
    finished: [],
    savedTrials: 0,
    total: 0,
    maxEpochs: 0,
    current: null,
    study: null,
    result: null,
    update: (datasetId, kind, f, family = 'tabular') => set({ setups: { ...get().setups, [setupKey(datasetId, family)]: f(tuneSetupFor(get().setups, datasetId, kind, family)) } }),
    start: async (args) => {
      if (session) return;
      const id = newRunId();
      const family: TuneFamily = args.family ?? 'tabular';
      const kind = args.family === 'gbdt' ? args.setup.kind : args.setup.task.kind;
      const study = studySpec(args.tune, kind, family);
      const { run, request, maxSteps } = searchOf(id, args, study);
      set({ ...startingRun(id), family, trials: [], finished: [], savedTrials: 0, total: study.trials, maxEpochs: maxSteps, current: null, study, result: null });
      if (!(await storeNewRun(run, set))) return;
      session = new WorkerSession<TuneStart, TuneEvent>(
        () => new Worker(new URL('../../workers/tune.worker.ts', import.meta.url), { type: 'module' }),
        request,
        onEvent(run),
        (message) => ({ status: 'error', id, message }),
      );
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
