import { create } from 'zustand';
import { TrainSession } from '../app/train-client';
import type { EpochMetricRecord, GbdtRunRecord } from '../db/records';
import type { ColumnStats } from '../ml/data/column-stats';
import type { Frame } from '../ml/data/frame';
import type { MetricMap } from '../ml/metrics/evaluate';
import { foldMeans } from '../ml/eval/cross-validation';
import type { FoldResult, GbdtRunSpec } from '../ml/models/gbdt/train-gbdt';
import type { GbdtEvent, GbdtTrainRequest as TrainRequest } from '../../workers/train-runs/gbdt.protocol';
import { defaultGbdtSetup, type GbdtSetup } from './gbdt-setup';
import { createRunWriter } from './run-writer';
import { IDLE_RUN, liveRun, newRunId, startingRun, storeNewRun, requestStop, stopIfRequested } from './live-run';
import { gbdtCheckpointTransferables, isGbdtCheckpoint, type GbdtCheckpoint } from '../ml/models/gbdt/checkpoint';
import { beginResume, liveCheckpoints, reopenWhenWritten, runFrame, type ResumableState } from './run-resume';

interface GbdtState extends ResumableState {
  setups: Record<string, GbdtSetup>;
  ensure: (datasetId: string, stats: ColumnStats[], usable: string[]) => void;
  update: (datasetId: string, f: (s: GbdtSetup) => GbdtSetup) => void;
  /** finished folds of the live cross-validation */
  folds: FoldResult[];
  foldTotal: number;
  start: (args: { frame: Frame; datasetId: string; datasetName: string; setup: GbdtSetup }) => Promise<void>;
}

let session: TrainSession<TrainRequest, GbdtEvent> | null = null;

export { gbdtRunSpec } from '../ml/models/gbdt/defaults';
import { gbdtRunSpec } from '../ml/models/gbdt/defaults';

/** The run's headline figures: validation metrics (holdout) or fold means with their std (cv). */
function finalMetrics(ev: Extract<GbdtEvent, { status: 'done' }>): MetricMap {
  const r = ev.result;
  if (r.cv) return foldMeans(r.cv.summary);
  return { ...(r.validation?.metrics ?? {}), ...Object.fromEntries(Object.entries(r.test?.metrics ?? {}).map(([k, v]) => [`test_${k}`, v])) };
}

export const useGbdt = create<GbdtState>((set, get) => {
  const writer = createRunWriter((error) => set({ error }));

  /** `resumedFrom`: the checkpoint round a resumed run goes on after (its curve's rounds so far) */
  const onEvent = (run: GbdtRunRecord, resumedFrom = 0) => {
    const live = liveRun(run, set, get, writer);
    const checkpoints = liveCheckpoints(run.id, writer, set, get, 'round');
    let seq = resumedFrom;
    return (ev: GbdtEvent) => {
      switch (ev.status) {
        case 'init':
          set({ foldTotal: ev.folds });
          live.init({ backend: 'cpu', skipped: [], stepsPerEpoch: 1 }, ev.rounds * Math.max(1, ev.folds), { featureNames: ev.featureNames, splitSizes: ev.sizes });
          if (resumedFrom > 0) set({ progress: get().progress && { ...get().progress!, epoch: resumedFrom } });
          return;
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
        case 'checkpoint':
          return checkpoints.saved(ev.checkpoint, ev.bytes);
        case 'done': {
          session = null;
          const r = ev.result;
          const artifacts = [
            { id: `${run.id}:gbdt-result`, runId: run.id, kind: 'gbdt-result' as const, data: r, createdAt: Date.now() },
            ...(ev.model ? [{ id: `${run.id}:gbdt-model`, runId: run.id, kind: 'gbdt-model' as const, data: ev.model, createdAt: Date.now() }] : []),
            ...(ev.parity ? [{ id: `${run.id}:gbdt-parity`, runId: run.id, kind: 'gbdt-parity' as const, data: ev.parity, createdAt: Date.now() }] : []),
            ...(ev.predictions ? [{ id: `${run.id}:predictions`, runId: run.id, kind: 'predictions' as const, data: ev.predictions, createdAt: Date.now() }] : []),
          ];
          live.finish(artifacts, { status: r.reason, finishedAt: Date.now(), durationMs: r.durationMs, epochsRun: r.mode === 'cv' ? r.cv?.folds.length : r.history.length, bestEpoch: r.mode === 'holdout' ? r.bestRound : undefined, finalMetrics: finalMetrics(ev), splitSizes: r.sizes }, null);
          checkpoints.finished(r.reason);
          return reopenWhenWritten(writer, run.id);
        }
        case 'error':
          session = null;
          live.error(ev.message);
          return reopenWhenWritten(writer, run.id);
      }
    };
  };

  const launch = (run: GbdtRunRecord, req: TrainRequest, resumedFrom = 0, transfer: Transferable[] = []) => {
    session = new TrainSession<TrainRequest, GbdtEvent>(req, onEvent(run, resumedFrom), transfer);
    stopIfRequested(session, get);
  };

  return {
    ...IDLE_RUN,
    setups: {},
    folds: [],
    foldTotal: 0,
    checkpoint: null,
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
      set({ ...startingRun(id), folds: [], foldTotal: 0, checkpoint: null });
      if (!(await storeNewRun(run, set))) return;
      launch(run, { type: 'train', run: 'gbdt', id, frame, spec });
    },
    resume: async (runId) => {
      // 'starting' covers the reads before the worker exists: a second click must not start a second resume
      if (session || get().phase === 'starting') return;
      set({ folds: [], foldTotal: 0 });
      // the split, category codes and bins are recomputed from the frame; the fit refuses the checkpoint if they come out otherwise
      const plan = await beginResume<GbdtRunRecord, Frame, GbdtCheckpoint>(runId, 'gbdt', runFrame, set, isGbdtCheckpoint);
      if (!plan) return;
      const { run, checkpoint } = plan;
      const spec: GbdtRunSpec = { source: run.datasetName, task: run.task, model: run.model, evaluation: run.evaluation };
      launch(run, { type: 'train', run: 'gbdt', id: run.id, frame: plan.inputs, spec, resume: checkpoint }, checkpoint.epoch, gbdtCheckpointTransferables(checkpoint));
    },
    stop: () => requestStop(session, get, set),
  };
});
