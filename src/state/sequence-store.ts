import { netRunEvents } from './net-run-events';
import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { useSettings } from './settings-store';
import type { EpochMetricRecord, SequenceRunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import type { ColumnStats } from '../ml/data/column-stats';
import type { Frame } from '../ml/data/frame';
import type { SequenceTrainEvent, SequenceTrainRequest } from '../../workers/train-runs/sequence.protocol';
import { createRunWriter } from './run-writer';
import { defaultSequenceSetup, type SequenceSetup } from './sequence-setup';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, requestStop, stopIfRequested } from './live-run';
import { checkpointTransferables } from '../ml/models/checkpoint';
import { beginResume, liveCheckpoints, resumeEngine, runFrame, type ResumableState } from './run-resume';

/** What the worker reported about the data before training: vocabulary, coverage, split. */
export type SequenceDataReport = Omit<Extract<SequenceTrainEvent, { status: 'init' }>, 'status' | 'id' | 'backend' | 'skipped' | 'adapter' | 'stepsPerEpoch' | 'engine' | 'resumedFrom'>;

interface SequenceState extends ResumableState {
  setups: Record<string, SequenceSetup | null>;
  ensure: (datasetId: string, stats: ColumnStats[]) => void;
  update: (datasetId: string, f: (s: SequenceSetup) => SequenceSetup) => void;

  dataReport: SequenceDataReport | null;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: SequenceSetup; backend: BackendPreference }) => Promise<void>;
}

let session: TrainSession<SequenceTrainRequest, SequenceTrainEvent> | null = null;

/** Per-head losses and metrics go into the epoch record's metric map, so the runs table needs no new shape. */
function epochRecord(runId: string, ev: Extract<SequenceTrainEvent, { status: 'epoch' }>): EpochMetricRecord {
  return {
    runId,
    kind: 'epoch',
    seq: ev.epoch,
    trainLoss: ev.train.total,
    valLoss: ev.val.total,
    valMetrics: {
      ...ev.valMetrics,
      loss_title_train: ev.train.title,
      loss_tenure_train: ev.train.tenure,
      loss_hire_train: ev.train.hire,
      loss_title_val: ev.val.title,
      loss_tenure_val: ev.val.tenure,
      loss_hire_val: ev.val.hire,
    },
    numTensors: ev.numTensors,
    elapsedMs: ev.elapsedMs,
    samplesPerSec: ev.samplesPerSec,
    reliability: ev.reliability,
  };
}

export const useSequence = create<SequenceState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: SequenceRunRecord) => {
    const live = liveRun(run, set, get, writer);
    const checkpoints = liveCheckpoints(run.id, writer, set, get);
    return netRunEvents<SequenceRunRecord, SequenceTrainEvent>(run, live, checkpoints, writer, {
      init: (ev) => {
        const { status: _s, id: _i, backend: _b, skipped: _k, adapter: _a, stepsPerEpoch: _p, engine: _e, resumedFrom: _r, ...dataReport } = ev;
        set({ dataReport });
        const s = ev.leakage.splits;
        live.init(ev, run.model.epochs, { splitSizes: { train: s.train.examples, validation: s.validation.examples, test: s.test.examples }, engine: ev.engine });
      },
      epochRecord: (ev) => epochRecord(run.id, ev),
      finished: (ev) => {
        const r = ev.result.report;
        const finalMetrics = {
          top1: r.validation.top1,
          top5: r.validation.top5,
          tenure_mae: r.validation.tenureMae,
          hire_auc: r.validation.hireAuc,
          top1_ece: r.validation.top1Ece,
          changer_same_rate: r.validation.changers.samePredictionRate,
          baseline_top1: r.baseline.validation.top1,
        };
        return {
          artifacts: [
            { id: `${run.id}:sequence-model`, runId: run.id, kind: 'sequence-model', data: ev.model, createdAt: Date.now() },
            { id: `${run.id}:sequence-result`, runId: run.id, kind: 'sequence-result', data: ev.result, createdAt: Date.now() },
          ],
          changes: { finalMetrics },
        };
      },
      ended: () => (session = null),
    });
  };

  return {
    setups: {},
    ensure: (id, stats) => {
      if (!(id in get().setups)) set({ setups: { ...get().setups, [id]: defaultSequenceSetup(stats) } });
    },
    update: (id, f) => {
      const cur = get().setups[id];
      if (cur) set({ setups: { ...get().setups, [id]: f(cur) } });
    },

    ...IDLE_RUN,
    dataReport: null,
    checkpoint: null,
    start: async ({ frame, datasetId, datasetName, setup, backend }) => {
      if (session) return;
      const id = newRunId();
      const m = setup.model;
      const run: SequenceRunRecord = {
        family: 'sequence',
        id,
        name: `${datasetName} · next title · ${m.bidirectional ? 'bi' : ''}LSTM ${m.layers}×${m.hiddenUnits}`,
        datasetId,
        datasetName,
        data: setup.data,
        model: setup.model,
        backendRequested: backend,
        status: 'running',
        startedAt: Date.now(),
      };
      set({ ...startingRun(id), dataReport: null, checkpoint: null });
      if (!(await storeNewRun(run, set))) return;
      session = new TrainSession<SequenceTrainRequest, SequenceTrainEvent>({ type: 'train', run: 'sequence', id, frame, sourceName: datasetName, data: setup.data, model: setup.model, backend, engine: useSettings.getState().engine }, onEvent(run));
      stopIfRequested(session, get);
    },
    resume: async (runId) => {
      // 'starting' covers the reads before the worker exists: a second click must not start a second resume
      if (session || get().phase === 'starting') return;
      set({ dataReport: null });
      const plan = await beginResume<SequenceRunRecord, Frame>(runId, 'sequence', runFrame, set);
      if (!plan) return;
      const { run, checkpoint } = plan;
      session = new TrainSession<SequenceTrainRequest, SequenceTrainEvent>(
        { type: 'train', run: 'sequence', id: run.id, frame: plan.inputs, sourceName: run.datasetName, data: run.data, model: run.model, ...resumeEngine(run), resume: checkpoint },
        onEvent(run),
        checkpointTransferables(checkpoint),
      );
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
