import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { storageErrorMessage } from '../db/db';
import { putArtifacts, putRun, updateRun } from '../db/runs-repo';
import type { EpochMetricRecord, SequenceRunRecord, StepMetricRecord } from '../db/records';
import type { BackendName, BackendPreference } from '../ml/backends/tf-backend';
import type { ColumnStats } from '../ml/data/column-stats';
import type { Frame } from '../ml/data/frame';
import type { SequenceTrainEvent } from '../../workers/train.protocol';
import { createRunWriter } from './run-writer';
import { useRuns } from './runs-store';
import { defaultSequenceSetup, type SequenceSetup } from './sequence-setup';
import { advanceProgress, fallbackNote, type LiveProgress } from './live-progress';

export type ModelFamilyChoice = 'tabular' | 'sequence' | 'ranker';

/** What the worker reported about the data before training: vocabulary, coverage, split. */
export type SequenceDataReport = Omit<Extract<SequenceTrainEvent, { status: 'init' }>, 'status' | 'family' | 'id' | 'backend' | 'skipped' | 'adapter' | 'stepsPerEpoch'>;

interface SequenceState {
  /** which family each dataset trains (the studio's family switch) */
  family: Record<string, ModelFamilyChoice>;
  setups: Record<string, SequenceSetup | null>;
  setFamily: (datasetId: string, f: ModelFamilyChoice) => void;
  ensure: (datasetId: string, stats: ColumnStats[]) => void;
  update: (datasetId: string, f: (s: SequenceSetup) => SequenceSetup) => void;

  runId: string | null;
  phase: 'idle' | 'starting' | 'training' | 'stopping' | 'saving' | 'finished';
  backend: BackendName | null;
  backendNote: string | null;
  dataReport: SequenceDataReport | null;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
  progress: LiveProgress | null;
  error: string | null;
  memoryWarning: string | null;
  artifactsSaved: number;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: SequenceSetup; backend: BackendPreference }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession<SequenceTrainEvent> | null = null;

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
  const { persist, queueMetric } = createRunWriter((error) => set({ error }));
  const refreshRun = (id: string, changes: Partial<SequenceRunRecord>) => {
    const cur = useRuns.getState().runs.find((r): r is SequenceRunRecord => r.id === id && r.family === 'sequence');
    if (cur) useRuns.getState().upsert({ ...cur, ...changes });
    persist('the run', () => updateRun(id, changes));
  };

  const onEvent = (run: SequenceRunRecord) => (ev: SequenceTrainEvent) => {
    switch (ev.status) {
      case 'init': {
        const note = fallbackNote(ev.skipped);
        const { status: _s, family: _f, id: _i, backend, skipped: _k, adapter: _a, stepsPerEpoch, ...dataReport } = ev;
        set({ phase: get().phase === 'stopping' ? 'stopping' : 'training', backend, backendNote: note, dataReport, progress: { epoch: 0, totalEpochs: run.model.epochs, step: 0, stepsPerEpoch, etaMs: null, samplesPerSec: 0 } });
        const s = ev.leakage.splits;
        refreshRun(run.id, { backend, backendNote: note ?? undefined, splitSizes: { train: s.train.examples, validation: s.validation.examples, test: s.test.examples } });
        break;
      }
      case 'batch': {
        const rec: StepMetricRecord = { runId: run.id, kind: 'step', seq: ev.globalStep, epoch: ev.epoch, loss: ev.loss };
        set({ steps: [...get().steps, rec], progress: advanceProgress(get().progress, ev, run.startedAt) });
        queueMetric(rec);
        break;
      }
      case 'epoch': {
        const rec = epochRecord(run.id, ev);
        set({ epochs: [...get().epochs, rec], ...(ev.memoryWarning ? { memoryWarning: ev.memoryWarning } : {}) });
        queueMetric(rec);
        if (ev.memoryWarning) refreshRun(run.id, { memoryWarning: ev.memoryWarning });
        break;
      }
      case 'done': {
        session = null;
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
        const finished = { status: ev.reason, message: ev.message, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics };
        set({ phase: 'saving' });
        persist('the trained model', async () => {
          await putArtifacts([
            { id: `${run.id}:sequence-model`, runId: run.id, kind: 'sequence-model', data: ev.model, createdAt: Date.now() },
            { id: `${run.id}:sequence-result`, runId: run.id, kind: 'sequence-result', data: ev.result, createdAt: Date.now() },
          ]);
          await updateRun(run.id, finished);
          const cur = useRuns.getState().runs.find((x): x is SequenceRunRecord => x.id === run.id && x.family === 'sequence');
          if (cur) useRuns.getState().upsert({ ...cur, ...finished });
          set({ phase: 'finished', artifactsSaved: get().artifactsSaved + 1, error: ev.reason === 'non-finite-loss' ? (ev.message ?? 'the loss became NaN') : null });
        });
        break;
      }
      case 'error':
        session = null;
        set({ phase: 'finished', error: ev.message });
        refreshRun(run.id, { status: 'failed', message: ev.message, finishedAt: Date.now(), durationMs: Date.now() - run.startedAt });
        break;
    }
  };

  return {
    family: {},
    setups: {},
    setFamily: (id, f) => set({ family: { ...get().family, [id]: f } }),
    ensure: (id, stats) => {
      if (!(id in get().setups)) set({ setups: { ...get().setups, [id]: defaultSequenceSetup(stats) } });
    },
    update: (id, f) => {
      const cur = get().setups[id];
      if (cur) set({ setups: { ...get().setups, [id]: f(cur) } });
    },

    runId: null,
    phase: 'idle',
    backend: null,
    backendNote: null,
    dataReport: null,
    epochs: [],
    steps: [],
    progress: null,
    error: null,
    memoryWarning: null,
    artifactsSaved: 0,
    start: async ({ frame, datasetId, datasetName, setup, backend }) => {
      if (session) return;
      const id = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
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
      set({ runId: id, phase: 'starting', backend: null, backendNote: null, dataReport: null, epochs: [], steps: [], progress: null, error: null, memoryWarning: null });
      try {
        await putRun(run);
      } catch (e) {
        set({ phase: 'idle', error: storageErrorMessage(e, 'the new run') });
        return;
      }
      useRuns.getState().upsert(run);
      session = new TrainSession<SequenceTrainEvent>({ type: 'train-sequence', id, frame, sourceName: datasetName, data: setup.data, model: setup.model, backend }, onEvent(run));
    },
    stop: () => {
      if (!session) return;
      set({ phase: 'stopping' });
      session.stop();
    },
  };
});
