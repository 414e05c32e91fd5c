import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import type { DatasetRecord, EpochMetricRecord, SectionsRunRecord } from '../db/records';
import type { Frame } from '../ml/data/frame';
import { checkpointTransferables, type NetCheckpoint } from '../ml/models/checkpoint';
import { sectionsFamily } from '../ml/models/sections/family';
import type { SectionsConfig } from '../ml/models/sections/config';
import type { SectionsEvent, SectionsTrainRequest as Req } from '../../workers/train-runs/sections.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, requestStop, startingRun, stopIfRequested, storeNewRun } from './live-run';
import { netRunEvents } from './net-run-events';
import { beginResume, liveCheckpoints, runFrame, type ResumableState } from './run-resume';

interface SectionsState extends ResumableState {
  /** the recipe each dataset trains with (its columns, TF-IDF, model and floor) */
  setups: Record<string, SectionsConfig>;
  ensure: (dataset: DatasetRecord) => void;
  update: (datasetId: string, f: (c: SectionsConfig) => SectionsConfig) => void;
  start: (args: { dataset: DatasetRecord; frame: Frame; config: SectionsConfig }) => Promise<void>;
}

let session: TrainSession<Req, SectionsEvent> | null = null;

export const useSections = create<SectionsState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: SectionsRunRecord) => {
    const live = liveRun(run, set, get, writer);
    const checkpoints = liveCheckpoints(run.id, writer, set, get);
    return netRunEvents<SectionsRunRecord, SectionsEvent>(run, live, checkpoints, writer, {
      init: (ev) =>
        live.init({ backend: 'cpu', skipped: [], stepsPerEpoch: Math.max(1, Math.ceil(ev.sizes.train / Math.min(run.config.model.batchSize, ev.sizes.train))), resumedFrom: run.resumes?.at(-1)?.fromEpoch }, run.config.model.epochs, {
          splitSizes: ev.sizes,
          featureNames: ev.labels,
          engine: { engine: 'kiln', runsOn: ev.kernels, threads: ev.threads, why: ev.why },
          ...(ev.skipped ? { message: `${ev.skipped} rows skipped: no text or no label` } : {}),
        }),
      epochRecord: (ev): EpochMetricRecord => ({ runId: run.id, kind: 'epoch', seq: ev.epoch, trainLoss: ev.trainLoss, valLoss: ev.valLoss, valMetrics: ev.metrics, numTensors: 0, elapsedMs: ev.elapsedMs, samplesPerSec: ev.samplesPerSec }),
      finished: (ev) => {
        const now = Date.now();
        return {
          artifacts: [
            { id: `${run.id}:sections-model`, runId: run.id, kind: 'sections-model', data: ev.model, createdAt: now },
            { id: `${run.id}:sections-result`, runId: run.id, kind: 'sections-result', data: ev.result, createdAt: now },
          ],
          changes: { finalMetrics: ev.result.metrics },
        };
      },
      ended: () => (session = null),
    });
  };

  const launch = (run: SectionsRunRecord, frame: Frame, resume?: NetCheckpoint) => {
    session = new TrainSession<Req, SectionsEvent>({ type: 'train', run: 'sections', id: run.id, table: { name: run.datasetName, frame }, config: run.config, resume }, onEvent(run), resume ? checkpointTransferables(resume) : []);
    stopIfRequested(session, get);
  };

  return {
    ...IDLE_RUN,
    checkpoint: null,
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
      set({ ...startingRun(id), checkpoint: null });
      if (!(await storeNewRun(run, set))) return;
      launch(run, frame);
    },
    resume: async (runId) => {
      // 'starting' covers the reads before the worker exists: a second click must not start a second resume
      if (session || get().phase === 'starting') return;
      const plan = await beginResume<SectionsRunRecord, Frame>(runId, 'sections', (run) => runFrame(run), set);
      if (!plan) return;
      launch(plan.run, plan.inputs, plan.checkpoint);
    },
    stop: () => requestStop(session, get, set),
  };
});
