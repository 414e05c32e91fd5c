import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { loadFrame } from '../db/datasets-repo';
import type { DatasetRecord, MatcherRunRecord } from '../db/records';
import type { Frame } from '../ml/data/frame';
import type { MatcherStage } from '../ml/models/matcher/train-matcher';
import type { MatcherEvent, MatcherTrainRequest as Req } from '../../workers/train-runs/matcher.protocol';
import { defaultMatcherSetup, type MatcherSetup } from './matcher-setup';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, markStopped, newRunId, startingRun, storeNewRun, type LiveRunState } from './live-run';


interface MatcherState extends LiveRunState {
  setups: Record<string, MatcherSetup>;
  ensure: (pairs: DatasetRecord, datasets: DatasetRecord[]) => void;
  update: (pairsId: string, f: (s: MatcherSetup) => MatcherSetup) => void;
  /** the stage now running and what the join found */
  stage: { name: MatcherStage; index: number; stages: number } | null;
  joined: Omit<Extract<MatcherEvent, { status: 'init' }>, 'status' | 'id'> | null;
  start: (args: { pairs: DatasetRecord; pairsFrame: Frame; datasets: DatasetRecord[]; setup: MatcherSetup }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession<Req, MatcherEvent> | null = null;

export const useMatcher = create<MatcherState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));
  let current: MatcherRunRecord | null = null;

  const onEvent = (run: MatcherRunRecord) => {
    const live = liveRun(run, set, get, writer);
    return (ev: MatcherEvent) => {
      switch (ev.status) {
        case 'init': {
          const { status: _s, id: _i, ...joined } = ev;
          set({ joined });
          return live.init({ backend: 'cpu', skipped: [], stepsPerEpoch: 1 }, 1, { splitSizes: undefined });
        }
        case 'stage':
          return live.stage(ev);
        case 'batch':
          return set({ stage: { name: ev.stage, index: ev.index, stages: ev.stages } });
        case 'done': {
          session = null;
          current = null;
          const { sections, ...rest } = ev.result;
          const strip = (v: typeof rest.fixed) => ({ mode: v.mode, linear: v.linear, platt: v.platt });
          const now = Date.now();
          const learned = rest.learned.metrics;
          return live.finish(
            [
              { id: `${run.id}:matcher-model`, runId: run.id, kind: 'matcher-model', data: { sections, fixed: strip(rest.fixed), learned: strip(rest.learned) }, createdAt: now },
              { id: `${run.id}:matcher-result`, runId: run.id, kind: 'matcher-result', data: rest, createdAt: now },
            ],
            {
              status: 'completed',
              finishedAt: now,
              durationMs: now - run.startedAt,
              epochsRun: 1,
              finalMetrics: { ...learned, ...Object.fromEntries(Object.entries(rest.fixed.metrics).map(([k, v]) => [`fixed_${k}`, v])) },
              splitSizes: { train: rest.counts.train, validation: rest.counts.heldOut, test: 0 },
              ...(rest.counts.skipped ? { message: `${rest.counts.skipped} pairs skipped: their ids are not in the candidates or jobs table (${rest.skippedExamples.join('; ')})` } : {}),
            },
            null,
          );
        }
        case 'error':
          session = null;
          current = null;
          return live.error(ev.message);
      }
    };
  };

  return {
    ...IDLE_RUN,
    setups: {},
    stage: null,
    joined: null,
    ensure: (pairs, datasets) => {
      if (get().setups[pairs.id] || pairs.stats.length === 0) return;
      set({ setups: { ...get().setups, [pairs.id]: defaultMatcherSetup(pairs, datasets) } });
    },
    update: (pairsId, f) => {
      const cur = get().setups[pairsId];
      if (cur) set({ setups: { ...get().setups, [pairsId]: f(cur) } });
    },
    start: async ({ pairs, pairsFrame, datasets, setup }) => {
      if (session) return;
      const id = newRunId();
      const ref = (dsId: string) => {
        const d = datasets.find((x) => x.id === dsId);
        if (!d) throw new Error('a table this matcher joins is no longer loaded; choose it again');
        return { id: d.id, name: d.name };
      };
      const run: MatcherRunRecord = {
        family: 'matcher',
        id,
        name: `${pairs.name} · matcher · ${setup.columns.sections.map((s) => s.name).join(' + ')} · ${setup.config.learnedMode} vs fixed`,
        datasetId: pairs.id,
        datasetName: pairs.name,
        tables: { candidates: ref(setup.candidatesId), jobs: ref(setup.jobsId), pairs: { id: pairs.id, name: pairs.name } },
        columns: setup.columns,
        config: setup.config,
        backendRequested: 'auto',
        status: 'running',
        startedAt: Date.now(),
      };
      set({ ...startingRun(id), stage: null, joined: null });
      const frameOf = async (dsId: string) => (dsId === pairs.id ? pairsFrame : loadFrame(dsId));
      let tables: Req['tables'];
      try {
        tables = {
          candidates: { name: run.tables.candidates.name, frame: await frameOf(setup.candidatesId) },
          jobs: { name: run.tables.jobs.name, frame: await frameOf(setup.jobsId) },
          pairs: { name: pairs.name, frame: pairsFrame },
        };
      } catch (e) {
        set({ phase: 'idle', error: `could not load the tables to join: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      if (!(await storeNewRun(run, set))) return;
      current = run;
      session = new TrainSession<Req, MatcherEvent>({ type: 'train', run: 'matcher', id, tables, columns: setup.columns, config: setup.config }, onEvent(run));
    },
    // fitting runs as one synchronous pass in the worker: stopping ends the worker, and the run
    stop: () => {
      if (!session || !current) return;
      session.terminate();
      session = null;
      const run = current;
      current = null;
      markStopped(run, 'stopped before the matcher finished fitting', writer);
      set({ phase: 'finished' });
    },
  };
});
