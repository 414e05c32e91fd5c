import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { loadFrame } from '../db/datasets-repo';
import type { ClusterRunRecord, DatasetRecord } from '../db/records';
import type { Frame } from '../ml/data/frame';
import { clusterRecipeProblems, defaultClusterRecipe, type ClusterRecipe } from '../ml/models/cluster/defaults';
import type { ClusterEvent, ClusterStage, ClusterTrainRequest as Req } from '../../workers/train-runs/cluster.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, markStopped, newRunId, startingRun, storeNewRun, type LiveRunState } from './live-run';

/** The share of a run's rows its stability rerun fits on. */
export const SUBSAMPLE_SHARE = 0.9;

interface ClusterState extends LiveRunState {
  setups: Record<string, ClusterRecipe>;
  ensure: (dataset: DatasetRecord) => void;
  update: (datasetId: string, f: (c: ClusterRecipe) => ClusterRecipe) => void;
  stage: { name: ClusterStage; index: number; stages: number } | null;
  start: (args: { dataset: DatasetRecord; frame: Frame; config: ClusterRecipe; subsampleOf?: ClusterRunRecord }) => Promise<void>;
  /** reruns a stored run on a seeded 90% of its fitted rows (same held-out rows, same k and seed) */
  rerunSubsample: (run: ClusterRunRecord, dataset: DatasetRecord) => Promise<void>;
  stop: () => void;
}

let session: TrainSession<Req, ClusterEvent> | null = null;

export const clusterSetupProblems = clusterRecipeProblems;

export const useCluster = create<ClusterState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));
  let current: ClusterRunRecord | null = null;

  const onEvent = (run: ClusterRunRecord) => {
    const live = liveRun(run, set, get, writer);
    let started = false;
    return (ev: ClusterEvent) => {
      switch (ev.status) {
        case 'stage':
          return live.stage(ev);
        case 'batch':
          if (!started) {
            started = true;
            live.init({ backend: 'cpu', skipped: [], stepsPerEpoch: 1 }, 1);
          }
          return set({ stage: { name: ev.stage, index: ev.index, stages: ev.stages } });
        case 'done': {
          session = null;
          current = null;
          const now = Date.now();
          return live.finish(
            [
              { id: `${run.id}:cluster-model`, runId: run.id, kind: 'cluster-model', data: ev.model, createdAt: now },
              { id: `${run.id}:cluster-result`, runId: run.id, kind: 'cluster-result', data: ev.report, createdAt: now },
            ],
            {
              status: 'completed',
              finishedAt: now,
              durationMs: now - run.startedAt,
              epochsRun: 1,
              finalMetrics: ev.metrics,
              modelId: ev.model.modelId,
              version: ev.model.version,
              splitSizes: { train: ev.counts.fitted, validation: ev.counts.heldOut, test: 0 },
              message: `${ev.model.algorithm === 'lloyd' ? 'Lloyd' : 'mini-batch'} k-means on ${ev.counts.features.toLocaleString()} features, ${ev.model.nIter} iterations${ev.model.converged ? '' : ' (stopped at the iteration limit or tolerance)'}`,
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

  const start: ClusterState['start'] = async ({ dataset, frame, config, subsampleOf }) => {
    if (session) return;
    const id = newRunId();
    const f = config.features;
    const what = [f.text.length ? f.text.join(' + ') : '', f.numeric.length ? `${f.numeric.length} numeric` : '', f.embedding ?? ''].filter(Boolean).join(' · ');
    const run: ClusterRunRecord = {
      family: 'cluster',
      id,
      name: `${dataset.name} · k-means k=${config.k} · seed ${config.seed} · ${what}${subsampleOf ? ` · ${Math.round(config.subsample * 100)}% subsample` : ''}`,
      datasetId: dataset.id,
      datasetName: dataset.name,
      config,
      modelId: '',
      version: '',
      ...(subsampleOf ? { subsampleOf: subsampleOf.id } : {}),
      backendRequested: 'auto',
      status: 'running',
      startedAt: Date.now(),
    };
    set({ ...startingRun(id), stage: null });
    if (!(await storeNewRun(run, set))) return;
    current = run;
    session = new TrainSession<Req, ClusterEvent>({ type: 'train', run: 'cluster', id, table: { name: dataset.name, frame }, config }, onEvent(run));
  };

  return {
    ...IDLE_RUN,
    setups: {},
    stage: null,
    ensure: (dataset) => {
      if (get().setups[dataset.id] || dataset.stats.length === 0) return;
      set({ setups: { ...get().setups, [dataset.id]: defaultClusterRecipe(dataset.stats) } });
    },
    update: (datasetId, f) => {
      const cur = get().setups[datasetId];
      if (cur) set({ setups: { ...get().setups, [datasetId]: f(cur) } });
    },
    start,
    rerunSubsample: async (run, dataset) => {
      let frame: Frame;
      try {
        frame = await loadFrame(dataset.id);
      } catch (e) {
        set({ error: `could not load ${dataset.name}: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      // the sweep is the parent's concern: the rerun only has to say how its clusters moved
      await start({ dataset, frame, config: { ...run.config, subsample: SUBSAMPLE_SHARE, subsampleSeed: run.config.subsampleSeed + 1, sweep: null }, subsampleOf: run });
    },
    // a fit is one synchronous pass in the worker: stopping ends the worker, and the run
    stop: () => {
      if (!session || !current) return;
      session.terminate();
      session = null;
      const run = current;
      current = null;
      markStopped(run, 'stopped before the clustering finished', writer);
      set({ phase: 'finished' });
    },
  };
});
