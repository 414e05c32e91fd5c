import { create } from 'zustand';
import { WorkerSession } from '../app/worker-session';
import type { EpochMetricRecord, GbdtRunRecord } from '../db/records';
import type { ColumnStats } from '../ml/data/column-stats';
import type { Frame } from '../ml/data/frame';
import type { MetricMap } from '../ml/metrics/evaluate';
import { foldMeans } from '../ml/eval/cross-validation';
import type { FoldResult, GbdtRunSpec } from '../ml/models/gbdt/train-gbdt';
import type { GbdtEvent, GbdtRequest } from '../../workers/gbdt.protocol';
import { defaultGbdtSetup, type GbdtSetup } from './gbdt-setup';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, type LiveRunState, requestStop, stopIfRequested } from './live-run';

interface GbdtState extends LiveRunState {
  setups: Record<string, GbdtSetup>;
  ensure: (datasetId: string, stats: ColumnStats[], usable: string[]) => void;
  update: (datasetId: string, f: (s: GbdtSetup) => GbdtSetup) => void;
  /** finished folds of the live cross-validation */
  folds: FoldResult[];
  foldTotal: number;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: GbdtSetup }) => Promise<void>;
  stop: () => void;
}

let session: WorkerSession<Extract<GbdtRequest, { type: 'train-gbdt' }>, GbdtEvent> | null = null;

export function gbdtRunSpec(setup: GbdtSetup, source: string): GbdtRunSpec {
  return {
    source,
    task: { target: setup.target, kind: setup.kind, labels: setup.kind === 'regression' ? undefined : setup.labels, features: setup.features },
    model: setup.model,
    evaluation: setup.mode === 'cv' ? { mode: 'cv', cv: setup.cv } : { mode: 'holdout', split: setup.split },
  };
}

/** The run's headline figures: validation metrics (holdout) or fold means with their std (cv). */
function finalMetrics(ev: Extract<GbdtEvent, { status: 'done' }>): MetricMap {
  const r = ev.result;
  if (r.cv) return foldMeans(r.cv.summary);
  return { ...(r.validation?.metrics ?? {}), ...Object.fromEntries(Object.entries(r.test?.metrics ?? {}).map(([k, v]) => [`test_${k}`, v])) };
}

export const useGbdt = create<GbdtState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  const onEvent = (run: GbdtRunRecord) => {
    const live = liveRun(run, set, get, writer);
    let seq = 0;
    return (ev: GbdtEvent) => {
      switch (ev.status) {
        case 'init':
          set({ foldTotal: ev.folds });
          return live.init({ backend: 'cpu', skipped: [], stepsPerEpoch: 1 }, ev.rounds * Math.max(1, ev.folds), { featureNames: ev.featureNames, splitSizes: ev.sizes });
        case 'epoch': {
          seq++;
          const rec: EpochMetricRecord = {
            runId: run.id,
            kind: 'epoch',
            seq,
            trainLoss: ev.trainLoss,
            valLoss: ev.validationLoss ?? NaN,
            valMetrics: { fold: ev.fold ?? -1, round: ev.round },
            numTensors: 0,
            elapsedMs: ev.elapsedMs,
            samplesPerSec: 0,
          };
          set({ progress: { epoch: seq, totalEpochs: get().progress?.totalEpochs ?? seq, step: 1, stepsPerEpoch: 1, etaMs: null, samplesPerSec: 0 } });
          return live.epoch(rec);
        }
        case 'stage':
          return live.stage(ev);
        case 'fold':
          return set({ folds: [...get().folds, ev.result] });
        case 'done': {
          session = null;
          const r = ev.result;
          const artifacts = [
            { id: `${run.id}:gbdt-result`, runId: run.id, kind: 'gbdt-result' as const, data: r, createdAt: Date.now() },
            ...(ev.model ? [{ id: `${run.id}:gbdt-model`, runId: run.id, kind: 'gbdt-model' as const, data: ev.model, createdAt: Date.now() }] : []),
            ...(ev.parity ? [{ id: `${run.id}:gbdt-parity`, runId: run.id, kind: 'gbdt-parity' as const, data: ev.parity, createdAt: Date.now() }] : []),
            ...(ev.predictions ? [{ id: `${run.id}:predictions`, runId: run.id, kind: 'predictions' as const, data: ev.predictions, createdAt: Date.now() }] : []),
          ];
          return live.finish(artifacts, { status: r.reason, finishedAt: Date.now(), durationMs: r.durationMs, epochsRun: r.mode === 'cv' ? r.cv?.folds.length : r.history.length, bestEpoch: r.mode === 'holdout' ? r.bestRound : undefined, finalMetrics: finalMetrics(ev), splitSizes: r.sizes }, null);
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
    folds: [],
    foldTotal: 0,
    ensure: (datasetId, stats, usable) => {
      if (get().setups[datasetId] || stats.length === 0) return;
      set({ setups: { ...get().setups, [datasetId]: defaultGbdtSetup(stats, usable) } });
    },
    update: (datasetId, f) => {
      const cur = get().setups[datasetId];
      if (cur) set({ setups: { ...get().setups, [datasetId]: f(cur) } });
    },
    start: async ({ frame, datasetId, datasetName, setup }) => {
      if (session) return;
      const id = newRunId();
      const spec = gbdtRunSpec(setup, datasetName);
      const m = setup.model;
      const evalName = setup.mode === 'cv' ? `${setup.cv.folds}-fold CV${setup.cv.repeats > 1 ? ` ×${setup.cv.repeats}` : ''}` : 'holdout';
      const run: GbdtRunRecord = {
        family: 'gbdt',
        id,
        name: `${datasetName} · GBDT ${setup.kind} · ${m.growth === 'depthwise' ? `depth ${m.maxDepth}` : `${m.numLeaves} leaves`} · ${evalName}`,
        datasetId,
        datasetName,
        task: spec.task,
        evaluation: spec.evaluation,
        model: m,
        backendRequested: 'auto',
        status: 'running',
        startedAt: Date.now(),
      };
      set({ ...startingRun(id), folds: [], foldTotal: 0 });
      if (!(await storeNewRun(run, set))) return;
      session = new WorkerSession<Extract<GbdtRequest, { type: 'train-gbdt' }>, GbdtEvent>(
        () => new Worker(new URL('../../workers/gbdt.worker.ts', import.meta.url), { type: 'module' }),
        { type: 'train-gbdt', id, frame, spec },
        onEvent(run),
        (message) => ({ status: 'error', id, message }),
      );
      stopIfRequested(session, get);
    },
    stop: () => requestStop(session, get, set),
  };
});
