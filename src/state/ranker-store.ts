import { netRunEvents } from './net-run-events';
import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import { useSettings } from './settings-store';
import type { EpochMetricRecord, RankerRunRecord } from '../db/records';
import type { BackendPreference } from '../ml/backends/tf-backend';
import { DEFAULT_RANKER, type RankerConfig } from '../ml/models/ranker/config';
import { buildItemPool, type ItemPool } from '../ml/models/ranker/items';
import { labelsToPairs, type PairLabel } from '../ml/models/ranker/labels';
import type { RankerRunResult } from '../ml/models/ranker/run-result';
import type { RankerTrainEvent, RankerTrainRequest } from '../../workers/train-runs/ranker.protocol';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, requestStop, stopIfRequested } from './live-run';
import { useLabeling } from './ranker-labeling-store';
import { poolLabels } from '../db/labels-repo';
import type { EnginePreference } from '../ml/engine/engine-choice';
import { checkpointTransferables, type NetCheckpoint } from '../ml/models/checkpoint';
import { rankerDataKey } from '../ml/models/ranker/fit-ranker';
import { beginResume, liveCheckpoints, resumeEngine, runFrame, type ResumableState } from './run-resume';

interface RankerState extends ResumableState {
  config: RankerConfig;
  setConfig: (c: RankerConfig) => void;
  start: (args: { pool: ItemPool; poolSpec: RankerRunRecord['pool']; labels: PairLabel[]; datasetId: string; datasetName: string; backend: BackendPreference }) => Promise<void>;
}

type Pairs = ReturnType<typeof labelsToPairs>;

/**
 * A ranker run's pool and labeled pairs read back from IndexedDB for a resume: the pool rebuilt
 * from its dataset and spec, the pool's labels as they are now. Refused when the labels changed
 * since the run started: the checkpoint continues a fit on other pairs.
 */
async function readPool(run: RankerRunRecord, cp: NetCheckpoint): Promise<{ pool: ItemPool; pairs: Pairs }> {
  const pool = buildItemPool(await runFrame(run), run.pool, run.datasetName);
  const pairs = labelsToPairs(await poolLabels(run.datasetId), pool.ids);
  if (cp.dataKey !== undefined && rankerDataKey(pairs, pool.ids.length) !== cp.dataKey) {
    throw new Error(`the pool's labels changed since this run started (it trained on ${run.labelCount} labeled pairs, the pool has ${pairs.y.length} now, or the same number changed): a resume would continue on other pairs; train a new run instead`);
  }
  return { pool, pairs };
}

let session: TrainSession<RankerTrainRequest, RankerTrainEvent> | null = null;

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
    const checkpoints = liveCheckpoints(run.id, writer, set, get);
    return netRunEvents<RankerRunRecord, RankerTrainEvent>(run, live, checkpoints, writer, {
      init: (ev) => live.init(ev, run.model.epochs, { engine: ev.engine }),
      epochRecord: (ev) => epochRecord(run.id, ev),
      finished: (ev) => {
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
        return {
          artifacts: [
            { id: `${run.id}:ranker-model`, runId: run.id, kind: 'ranker-model', data: ev.model, createdAt: Date.now() },
            { id: `${run.id}:ranker-result`, runId: run.id, kind: 'ranker-result', data: result, createdAt: Date.now() },
          ],
          changes: { finalMetrics, splitSizes: { train: r.split.train, validation: r.split.validation, test: 0 } },
        };
      },
      ended: () => (session = null),
    });
  };

  /** The worker for a run on this pool and these pairs (`resume`: continued from its checkpoint). */
  const launch = (run: RankerRunRecord, pool: ItemPool, pairs: Pairs, how: { backend: BackendPreference; engine: EnginePreference }, resume?: NetCheckpoint) => {
    const features = pool.features.slice();
    const used = { used: pairs.y.length, missing: pairs.missing, ties: pairs.y.filter((v) => v === 0).length };
    session = new TrainSession<RankerTrainRequest, RankerTrainEvent>(
      { type: 'train', run: 'ranker', id: run.id, pool: { size: pool.ids.length, dim: pool.dim, features, featureNames: pool.featureNames, metricCount: pool.metricCount, relevance: pool.relevance }, pairs: { a: pairs.a, b: pairs.b, y: pairs.y }, model: run.model, ...how, measureSoftwareGpu: useSettings.getState().measureSoftwareGpu || undefined, resume },
      onEvent(run, pool.ids, pool.relevance, used),
      [features.buffer, ...(resume ? checkpointTransferables(resume) : [])],
    );
    stopIfRequested(session, get);
  };

  return {
    config: DEFAULT_RANKER,
    setConfig: (config) => set({ config }),
    ...IDLE_RUN,
    checkpoint: null,
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
      set({ ...startingRun(id), checkpoint: null });
      if (!(await storeNewRun(run, set))) return;
      launch(run, pool, pairs, { backend, engine: useSettings.getState().engine });
    },
    resume: async (runId) => {
      // 'starting' covers the reads before the worker exists: a second click must not start a second resume
      if (session || get().phase === 'starting') return;
      const plan = await beginResume<RankerRunRecord, Awaited<ReturnType<typeof readPool>>>(runId, 'ranker', readPool, set);
      if (!plan) return;
      launch(plan.run, plan.inputs.pool, plan.inputs.pairs, resumeEngine(plan.run), plan.checkpoint);
    },
    stop: () => requestStop(session, get, set),
  };
});
