import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import type { DatasetRecord, EpochMetricRecord, SectionsRunRecord } from '../db/records';
import type { Frame } from '../ml/data/frame';
import { sectionsFamily } from '../ml/models/sections/family';
import type { SectionsConfig } from '../ml/models/sections/config';
import type { SectionsEvent, SectionsTrainRequest as Req } from '../../workers/train-runs/sections.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, requestStop, startingRun, stopIfRequested, storeNewRun, type LiveRunState } from './live-run';

interface SectionsState extends LiveRunState {
  /** the recipe each dataset trains with (its columns, TF-IDF, model and floor) */
  setups: Record<string, SectionsConfig>;
  ensure: (dataset: DatasetRecord) => void;
  update: (datasetId: string, f: (c: SectionsConfig) => SectionsConfig) => void;
  start: (args: { dataset: DatasetRecord; frame: Frame; config: SectionsConfig }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession<Req, SectionsEvent> | null = null;

export const useSections = create<SectionsState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: SectionsRunRecord) => {
    const live = liveRun(run, set, get, writer);
    return (ev: SectionsEvent) => {
      switch (ev.status) {
        case 'init':
          return live.init({ backend: 'cpu', skipped: [], stepsPerEpoch: Math.max(1, Math.ceil(ev.sizes.train / Math.min(run.config.model.batchSize, ev.sizes.train))) }, run.config.model.epochs, {
            splitSizes: ev.sizes,
            featureNames: ev.labels,
            engine: { engine: 'kiln', runsOn: ev.kernels, threads: ev.threads, why: ev.why },
            ...(ev.skipped ? { message: `${ev.skipped} rows skipped: no text or no label` } : {}),
          });
        case 'stage':
          return live.stage(ev);
        case 'batch':
          return live.batch(ev);
        case 'epoch': {
          const rec: EpochMetricRecord = { runId: run.id, kind: 'epoch', seq: ev.epoch, trainLoss: ev.trainLoss, valLoss: ev.valLoss, valMetrics: ev.metrics, numTensors: 0, elapsedMs: ev.elapsedMs, samplesPerSec: ev.samplesPerSec };
          return live.epoch(rec);
        }
        case 'done': {
          session = null;
          const now = Date.now();
          const status = ev.reason === 'completed' ? 'completed' : ev.reason;
          return live.finish(
            [
              { id: `${run.id}:sections-model`, runId: run.id, kind: 'sections-model', data: ev.model, createdAt: now },
              { id: `${run.id}:sections-result`, runId: run.id, kind: 'sections-result', data: ev.result, createdAt: now },
            ],
            { status, finishedAt: now, durationMs: now - run.startedAt, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics: ev.result.metrics, ...(ev.message ? { message: ev.message } : {}) },
            ev.reason === 'non-finite-loss' ? (ev.message ?? 'the loss was not finite') : null,
          );
        }
        case 'error':
          session = null;
          return live.error(ev.message);
      }
    };
  };

  return {
    ...IDLE_RUN,
    setups: {},
    ensure: (dataset) => {
      if (get().setups[dataset.id] || dataset.stats.length === 0) return;
      set({ setups: { ...get().setups, [dataset.id]: sectionsFamily.defaults({ name: dataset.name, columns: dataset.stats }) } });
    },
    update: (datasetId, f) => {
      const cur = get().setups[datasetId];
      if (cur) set({ setups: { ...get().setups, [datasetId]: f(cur) } });
    },
    start: async ({ dataset, frame, config }) => {
      if (session) return;
      const id = newRunId();
      const m = config.model;
      const run: SectionsRunRecord = {
        family: 'sections',
        id,
        name: `${dataset.name} · sections · ${config.columns.label} ← ${config.columns.text} · ${m.kind === 'mlp' ? `MLP ${m.hidden.join('×')}` : 'logistic'}`,
        datasetId: dataset.id,
        datasetName: dataset.name,
        config,
        backendRequested: 'auto',
        status: 'running',
        startedAt: Date.now(),
      };
      set(startingRun(id));
      if (!(await storeNewRun(run, set))) return;
      session = new TrainSession<Req, SectionsEvent>({ type: 'train', run: 'sections', id, table: { name: dataset.name, frame }, config }, onEvent(run));
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
