import { create } from 'zustand';
import { WorkerSession } from '../app/worker-session';
import type { SearchRunRecord, SearchTrialSetup } from '../db/records';
import { putArtifacts } from '../db/runs-repo';
import type { MetricMap } from '../ml/metrics/evaluate';
import type { SearchContext } from '../ml/tune/family';
import { searchFamily } from '../ml/tune/families';
import type { SearchResult, Trial } from '../ml/tune/search';
import { partialResult, trialCounts, type StoredSearchResult, type StudySpec } from '../ml/tune/study';
import type { TuneEvent, TuneStart } from '../../workers/tune.protocol';
import { createRunWriter } from './run-writer';
import { coalesced } from './live-updates';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState, requestStop, stopIfRequested } from './live-run';
import { defaultTuneSetup, studySpec, type TuneSetup } from './tune-setup';
import { useSettings } from './settings-store';

/**
 * What a family's search panel hands the store to start a search: the family's id, its data and
 * base config for the worker (read by its registration), and its part of the run record.
 */
export interface SearchStart {
  family: string;
  datasetId: string;
  datasetName: string;
  tune: TuneSetup;
  context: SearchContext;
  input: unknown;
  base: unknown;
  /** the record's family part: trialFamily and the setup every trial starts from */
  setup: SearchTrialSetup;
  /** what the run's name says of the trials between the dataset and "search" (the target; the family when it is not the studio's network) */
  title: string;
}

interface TuneState extends LiveRunState {
  /** the search form per family and dataset */
  setups: Record<string, TuneSetup>;
  update: (family: string, datasetId: string, ctx: SearchContext, base: unknown, f: (s: TuneSetup) => TuneSetup) => void;
  /** the family the live (or last) search trains */
  family: string;
  /** the live search's trials by index: finished ones and the one running */
  trials: Trial[];
  /** the finished ones only: charts read these, so an epoch of the running trial does not redraw them */
  finished: Trial[];
  /** how many finished trials IndexedDB holds: a reload keeps these (a trial can finish on screen a moment before it is written) */
  savedTrials: number;
  /** trials planned */
  total: number;
  /** steps (epochs, rounds) a trial runs at most */
  maxEpochs: number;
  /** the running trial and its last epoch */
  current: { trial: number; epoch: number } | null;
  study: StudySpec | null;
  result: SearchResult | null;
  start: (args: SearchStart) => Promise<void>;
  stop: () => void;
}

let session: WorkerSession<TuneStart, TuneEvent> | null = null;

function setupKey(family: string, datasetId: string): string {
  return `${family}:${datasetId}`;
}

/** The family's form for a dataset, or a first search over `base` (its defaults may follow the base: a tree space follows the growth mode). */
export function tuneSetupFor(setups: Record<string, TuneSetup>, family: string, datasetId: string, ctx: SearchContext, base: unknown): TuneSetup {
  return setups[setupKey(family, datasetId)] ?? defaultTuneSetup(searchFamily(family), ctx, base);
}

/** The run record and the worker request of a search. */
function searchOf(id: string, a: SearchStart, study: StudySpec): { run: SearchRunRecord; request: TuneStart } {
  const family = searchFamily(a.family);
  // a family training in plain JavaScript starts no TF.js backend: the request says auto
  const backend = family.engine ? useSettings.getState().backend : 'auto';
  const label = ` · search ${study.trials} trials · ${study.sampler === 'tpe' ? 'TPE' : 'random'}${study.pruner ? ' · pruned' : ''}`;
  const run: SearchRunRecord = {
    id,
    family: 'search',
    datasetId: a.datasetId,
    datasetName: a.datasetName,
    study,
    status: 'running',
    startedAt: Date.now(),
    name: `${a.datasetName} · ${a.title}${label}`,
    backendRequested: backend,
    ...a.setup,
  };
  // trials train on the engine a single run would (the Engine setting), which the best trial retrains on
  const engine = family.engine ? { engine: useSettings.getState().engine } : {};
  return { run, request: { type: 'tune', id, family: a.family, context: a.context, input: a.input, base: a.base, backend, ...engine, ...study } };
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
    family: '',
    trials: [],
    finished: [],
    savedTrials: 0,
    total: 0,
    maxEpochs: 0,
    current: null,
    study: null,
    result: null,
    update: (family, datasetId, ctx, base, f) => set({ setups: { ...get().setups, [setupKey(family, datasetId)]: f(tuneSetupFor(get().setups, family, datasetId, ctx, base)) } }),
    start: async (args) => {
      if (session) return;
      const id = newRunId();
      const family = searchFamily(args.family);
      const study = studySpec(args.tune, family, args.context);
      const { run, request } = searchOf(id, args, study);
      set({ ...startingRun(id), family: args.family, trials: [], finished: [], savedTrials: 0, total: study.trials, maxEpochs: family.maxSteps(args.base, study.space), current: null, study, result: null });
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
