import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { useSettings } from './settings-store';
import type { EpochMetricRecord, RankerRunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import { DEFAULT_RANKER, type RankerConfig } from '../ml/models/ranker/config';
import type { ItemPool } from '../ml/models/ranker/items';
import { labelsToPairs, type PairLabel } from '../ml/models/ranker/labels';
import type { RankerRunResult } from '../ml/models/ranker/run-result';
import type { RankerTrainEvent } from '../../workers/train.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState, requestStop, stopIfRequested } from './live-run';
import { useLabeling } from './ranker-labeling-store';

interface RankerState extends LiveRunState {
  config: RankerConfig;
  setConfig: (c: RankerConfig) => void;
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
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: RankerRunRecord, ids: string[], relevance: Float64Array | null, used: RankerRunResult['labels']) => {
    const live = liveRun(run, set, get, writer);
    return (ev: RankerTrainEvent) => {
      switch (ev.status) {
        case 'init':
          return live.init(ev, run.model.epochs, { engine: ev.engine });
        case 'stage':
          return live.stage(ev);
        case 'batch':
          return live.batch(ev);
        case 'epoch':
          return live.epoch(epochRecord(run.id, ev), ev.memoryWarning);
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
          const result: RankerRunResult = { report: r, ids, scores: ev.scores, relevance, labels: used };
          useLabeling.getState().setScores(run.id, ids, ev.scores);
          return live.finish(
            [
              { id: `${run.id}:ranker-model`, runId: run.id, kind: 'ranker-model', data: ev.model, createdAt: Date.now() },
              { id: `${run.id}:ranker-result`, runId: run.id, kind: 'ranker-result', data: result, createdAt: Date.now() },
            ],
            { status: ev.reason, message: ev.message, finishedAt: Date.now(), durationMs: ev.durationMs, epochsRun: ev.epochsRun, bestEpoch: ev.bestEpoch, finalMetrics, splitSizes: { train: r.split.train, validation: r.split.validation, test: 0 } },
            ev.reason === 'non-finite-loss' ? (ev.message ?? 'the loss became NaN') : null,
          );
        }
        case 'error':
          session = null;
          return live.error(ev.message);
      }
    };
  };

  return {
    config: DEFAULT_RANKER,
    setConfig: (config) => set({ config }),
    ...IDLE_RUN,
    start: async ({ pool, poolSpec, labels, datasetId, datasetName, backend }) => {
      if (session) return;
      const config = get().config;
      const id = newRunId();
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
      set(startingRun(id));
      if (!(await storeNewRun(run, set))) return;
      const features = pool.features.slice();
      const used = { used: pairs.y.length, missing: pairs.missing, ties: pairs.y.filter((v) => v === 0).length };
      session = new TrainSession<RankerTrainEvent>(
        { type: 'train-ranker', id, pool: { size: pool.ids.length, dim: pool.dim, features, featureNames: pool.featureNames, metricCount: pool.metricCount, relevance: pool.relevance }, pairs: { a: pairs.a, b: pairs.b, y: pairs.y }, model: config, backend, engine: useSettings.getState().engine, measureSoftwareGpu: useSettings.getState().measureSoftwareGpu || undefined },
        onEvent(run, pool.ids, pool.relevance, used),
        [features.buffer],
      );
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
