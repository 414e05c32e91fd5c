/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { backendReport, selectBackend } from '../src/ml/backends/tf-backend';
import { configureWorkerWasm } from './wasm-binaries';
import type { GbdtRoundReport } from '../src/ml/models/gbdt/fit-gbdt';
import { prepareGbdtHoldout } from '../src/ml/models/gbdt/train-gbdt';
import { prepareTabular } from '../src/ml/models/tabular/prepare';
import type { EpochSummary } from '../src/ml/models/tabular/train-tabular';
import { gbdtObjective } from '../src/ml/tune/gbdt-objective';
import { gbdtStudyErrors, maxTrialRounds } from '../src/ml/tune/gbdt-study';
import { runSearch, type Objective, type SearchResult, type TrialEvent } from '../src/ml/tune/search';
import { tabularObjective } from '../src/ml/tune/tabular-objective';
import { maxTrialEpochs, tabularStudyErrors } from '../src/ml/tune/tabular-study';
import type { TuneEvent, TuneRequest, TuneStart } from './tune.protocol';
import { StopRequests } from './stop-requests';
import { engineSetup, tabularModels } from './engine-setup';

declare const self: DedicatedWorkerGlobalScope;

configureWorkerWasm();

const stops = new StopRequests();

function post(ev: TuneEvent): void {
  self.postMessage(ev);
}

/**
 * A stop can land mid-epoch: the fit then ends without reporting that epoch, and the objective
 * would return a half-trained value as if the trial had completed. Such a trial is failed instead.
 */
function stopAware(objective: Objective, stopped: () => boolean): Objective {
  return async (params, index, report) => {
    const out = await objective(params, index, report);
    if (stopped()) throw new Error('stopped by the user before the trial finished');
    return out;
  };
}

/** The family-neutral part: the study from the request, the objective and live events from the family. */
function search(req: TuneStart, objective: Objective, stopped: () => boolean, onTrial: (e: TrialEvent) => void): Promise<SearchResult> {
  return runSearch({
    space: req.space,
    trials: req.trials,
    sampler: req.sampler,
    tpe: req.tpe,
    seed: req.seed,
    direction: req.direction,
    metric: req.metric,
    pruner: req.pruner,
    objective: stopAware(objective, stopped),
    shouldStop: stopped,
    onTrial,
  });
}

async function tuneTabular(req: Extract<TuneStart, { family: 'tabular' }>): Promise<void> {
  const started = performance.now();
  const stopped = stops.of(req.id);
  const errs = tabularStudyErrors(req, req.task.kind);
  if (errs.length > 0) throw new Error(errs.join('; '));
  post({ status: 'stage', id: req.id, stage: 'backend', detail: req.backend });
  const choice = await selectBackend(req.backend);
  // the engine a single run of the base config would train on (train.worker.ts picks it the same
  // way), so "Train the best trial" retrains on the engine its trial ran on and gets its figure
  const architectures = req.space.some((p) => p.name === 'architecture') ? (['mlp', 'linear'] as const) : [req.base.architecture];
  const { engine, report } = await engineSetup(req.engine, req.backend, choice.backend, tabularModels(architectures), { gpuPath: true });
  post({ status: 'stage', id: req.id, stage: 'preprocess', detail: `${req.frame.rowCount.toLocaleString('en-US')} rows (${req.split.strategy} split)` });
  // one split for every trial, so trials differ only in their params
  const prepared = prepareTabular(req.frame, req.task, req.split, req.preprocess);
  post({
    status: 'init',
    id: req.id,
    ...backendReport(choice),
    engine: report,
    splitSizes: prepared.sizes,
    featureNames: prepared.preprocess.featureNames,
    droppedRows: prepared.droppedRows,
    maxEpochs: maxTrialEpochs(req.base, req.space),
  });
  let lastEpoch: EpochSummary | null = null;
  const baseline = tf.memory().numTensors;
  const objective = tabularObjective({ prepared, base: req.base, metric: req.metric, shouldStop: stopped, onEpoch: (_trial, e) => (lastEpoch = e), engine });
  const result = await search(req, objective, stopped, (e) => {
    if (e.type === 'step') {
      const s = lastEpoch;
      post({ status: 'epoch', id: req.id, trial: e.trial, epoch: e.step, value: e.value, trainLoss: s?.trainLoss ?? NaN, valLoss: s?.valLoss ?? NaN, elapsedMs: s?.elapsedMs ?? 0, numTensors: s?.numTensors ?? 0 });
      return;
    }
    const n = tf.memory().numTensors;
    const leaked = e.type === 'finished' && n > baseline ? `${n - baseline} tensors outlived trial ${e.trial.index + 1}: memory is leaking` : undefined;
    post({ status: 'trial', id: req.id, trial: e.trial, ...(leaked ? { memoryWarning: leaked } : {}) });
  });
  post({ status: 'done', id: req.id, result, durationMs: performance.now() - started });
}

/** Trees train in plain JavaScript: no TF.js backend is selected, so none is started for a GBDT search. */
async function tuneGbdt(req: Extract<TuneStart, { family: 'gbdt' }>): Promise<void> {
  const started = performance.now();
  const stopped = stops.of(req.id);
  const errs = gbdtStudyErrors(req, req.task.kind);
  if (errs.length > 0) throw new Error(errs.join('; '));
  post({ status: 'stage', id: req.id, stage: 'preprocess', detail: `${req.frame.rowCount.toLocaleString('en-US')} rows (binning features, ${req.split.strategy} split)` });
  // one set of features and one split for every trial, so trials differ only in their params
  const data = prepareGbdtHoldout(req.frame, req.source, req.task, req.split);
  post({ status: 'init', id: req.id, backend: 'cpu', skipped: [], splitSizes: data.sizes, featureNames: data.featureNames, droppedRows: data.droppedRows, maxEpochs: maxTrialRounds(req.base, req.space) });
  let lastRound: GbdtRoundReport | null = null;
  const objective = gbdtObjective({ data, kind: req.task.kind, base: req.base, metric: req.metric, shouldStop: stopped, onRound: (_trial, r) => (lastRound = r) });
  const result = await search(req, objective, stopped, (e) => {
    if (e.type !== 'step') return post({ status: 'trial', id: req.id, trial: e.trial });
    const r = lastRound;
    post({ status: 'epoch', id: req.id, trial: e.trial, epoch: e.step, value: e.value, trainLoss: r?.trainLoss ?? NaN, valLoss: r?.validationLoss ?? NaN, elapsedMs: r?.elapsedMs ?? 0, numTensors: 0 });
  });
  post({ status: 'done', id: req.id, result, durationMs: performance.now() - started });
}

self.onmessage = (e: MessageEvent<TuneRequest>) => {
  const req = e.data;
  if (req.type === 'stop') {
    stops.request(req.id);
    return;
  }
  stops.watch(req);
  (req.family === 'gbdt' ? tuneGbdt(req) : tuneTabular(req))
    .catch((err: unknown) => post({ status: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) }))
    .finally(() => stops.done(req.id));
};
