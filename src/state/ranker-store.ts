import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { storageErrorMessage } from '../db/db';
import { putArtifacts, putRun, updateRun } from '../db/runs-repo';
import type { EpochMetricRecord, RankerRunRecord, StepMetricRecord } from '../db/records';
import type { BackendName, BackendPreference } from '../ml/backends/tf-backend';
import { DEFAULT_RANKER, type RankerConfig } from '../ml/models/ranker/config';
import type { ItemPool } from '../ml/models/ranker/items';
import { labelsToPairs, type PairLabel } from '../ml/models/ranker/labels';
import type { RankerRunResult } from '../ml/models/ranker/run-result';
import type { RankerTrainEvent } from '../../workers/train.protocol';
import { createRunWriter } from './run-writer';
import { useRuns } from './runs-store';
import { advanceProgress, fallbackNote, type LiveProgress } from './live-progress';
import { useLabeling } from './labeling-store';

interface RankerState {
  config: RankerConfig;
  setConfig: (c: RankerConfig) => void;
  runId: string | null;
  phase: 'idle' | 'starting' | 'training' | 'stopping' | 'saving' | 'finished';
  backend: BackendName | null;
  backendNote: string | null;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
  progress: LiveProgress | null;
  error: string | null;
  memoryWarning: string | null;
  artifactsSaved: number;
  start: (args: { pool: ItemPool; poolSpec: RankerRunRecord['pool']; labels: PairLabel[]; datasetId: string; datasetName: string; backend: BackendPreference }) => Promise<void>;
  stop: () => void;
}

let session: TrainSession<RankerTrainEvent> | null = null;

/** Validation pair metrics go into the epoch record's metric map: the curves and tables read them like any other. */
function epochRecord(runId: string, ev: Extract<RankerTrainEvent, { status: 'epoch' }>): EpochMetricRecord {
  const v = ev.validation;
  return {
    runId,
    kind: 'epoch',
    seq: ev.epoch,
    trainLoss: ev.trainLoss,
    valLoss: ev.valLoss,
    valMetrics: { pairwise_accuracy: v.accuracy, kendall_tau: v.kendallTau, ...(Number.isNaN(v.tieAgreement) ? {} : { tie_agreement: v.tieAgreement }) },
    numTensors: ev.numTensors,
    elapsedMs: ev.elapsedMs,
    samplesPerSec: ev.samplesPerSec,
  };
}

export const useRanker = create<RankerState>((set, get) => {
  const { persist, queueMetric } = createRunWriter((error) => set({ error }));
  const refreshRun = (id: string, changes: Partial<RankerRunRecord>) => {
    const cur = useRuns.getState().runs.find((r): r is RankerRunRecord => r.id === id && r.family === 'ranker');
    if (cur) useRuns.getState().upsert({ ...cur, ...changes });
    persist('the run', () => updateRun(id, changes));
  };

  const onEvent = (run: RankerRunRecord, ids: string[], relevance: Float64Array | null, used: RankerRunResult['labels']) => (ev: RankerTrainEvent) => {
    switch (ev.status) {
      case 'init': {
        const note = fallbackNote(ev.skipped);
        set({ phase: get().phase === 'stopping' ? 'stopping' : 'training', backend: ev.backend, backendNote: note, progress: { epoch: 0, totalEpochs: run.model.epochs, step: 0, stepsPerEpoch: ev.stepsPerEpoch, etaMs: null, samplesPerSec: 0 } });
        refreshRun(run.id, { backend: ev.backend, backendNote: note ?? undefined });
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
        const r = ev.report;
        const finalMetrics = {
          pairwise_accuracy: r.validation.accuracy,
          kendall_tau: r.validation.kendallTau,
          ...(Number.isNaN(r.validation.tieAgreement) ? {} : { tie_agreement: r.validation.tieAgreement }),
          ...(r.ndcg ? { [`ndcg@${r.ndcg.k}`]: r.ndcg.pool } : {}),
          train_pairwise_accuracy: r.train.accuracy,
        };
        const finished = { status: ev.reason, message: ev.message, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics, splitSizes: { train: r.split.train, validation: r.split.validation, test: 0 } };
        const result: RankerRunResult = { report: r, ids, scores: ev.scores, relevance, labels: used };
        set({ phase: 'saving' });
        useLabeling.getState().setScores(run.id, ids, ev.scores);
        persist('the trained ranker', async () => {
          await putArtifacts([
            { id: `${run.id}:ranker-model`, runId: run.id, kind: 'ranker-model', data: ev.model, createdAt: Date.now() },
            { id: `${run.id}:ranker-result`, runId: run.id, kind: 'ranker-result', data: result, createdAt: Date.now() },
          ]);
          await updateRun(run.id, finished);
          const cur = useRuns.getState().runs.find((x): x is RankerRunRecord => x.id === run.id && x.family === 'ranker');
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
    config: DEFAULT_RANKER,
    setConfig: (config) => set({ config }),
    runId: null,
    phase: 'idle',
    backend: null,
    backendNote: null,
    epochs: [],
    steps: [],
    progress: null,
    error: null,
    memoryWarning: null,
    artifactsSaved: 0,
    start: async ({ pool, poolSpec, labels, datasetId, datasetName, backend }) => {
      if (session) return;
      const config = get().config;
      const id = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      const pairs = labelsToPairs(labels, pool.ids);
      const run: RankerRunRecord = {
        family: 'ranker',
        id,
        name: `${datasetName} · pairwise ranker · ${config.hiddenLayers ? `MLP ${config.hiddenLayers}×${config.hiddenUnits}` : 'linear'} · ${pairs.y.length} labels`,
        datasetId,
        datasetName,
        pool: poolSpec,
        labelCount: pairs.y.length,
        model: config,
        backendRequested: backend,
        status: 'running',
        startedAt: Date.now(),
        featureNames: pool.featureNames,
      };
      set({ runId: id, phase: 'starting', backend: null, backendNote: null, epochs: [], steps: [], progress: null, error: null, memoryWarning: null });
      try {
        await putRun(run);
      } catch (e) {
        set({ phase: 'idle', error: storageErrorMessage(e, 'the new run') });
        return;
      }
      useRuns.getState().upsert(run);
      const features = pool.features.slice();
      const used = { used: pairs.y.length, missing: pairs.missing, ties: pairs.y.filter((v) => v === 0).length };
      session = new TrainSession<RankerTrainEvent>(
        { type: 'train-ranker', id, pool: { size: pool.ids.length, dim: pool.dim, features, featureNames: pool.featureNames, metricCount: pool.metricCount, relevance: pool.relevance }, pairs: { a: pairs.a, b: pairs.b, y: pairs.y }, model: config, backend },
        onEvent(run, pool.ids, pool.relevance, used),
        [features.buffer],
      );
    },
    stop: () => {
      if (!session) return;
      set({ phase: 'stopping' });
      session.stop();
    },
  };
});
