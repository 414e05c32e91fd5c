/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { backendReport, selectBackend } from '../src/ml/backends/tf-backend';
import { configureWorkerWasm } from './wasm-binaries';
import { familyObjective, familyStudyErrors, type StepFigures } from '../src/ml/tune/family';
import { searchFamily } from '../src/ml/tune/families';
import { runSearch, type Objective } from '../src/ml/tune/search';
import type { TuneEvent, TuneRequest, TuneStart } from './tune.protocol';
import { StopRequests } from './stop-requests';
import { engineSetup } from './engine-setup';

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

/**
 * One search, whatever the family: its registration says whether trials need TF.js and an
 * engine (picked as a single run of the family would pick them, so the best trial retrained as a
 * run reproduces its figure), prepares the data every trial shares, and trains each trial.
 */
async function tune(req: TuneStart): Promise<void> {
  const started = performance.now();
  const stopped = stops.of(req.id);
  const family = searchFamily(req.family);
  const errs = familyStudyErrors(family, req, req.context);
  if (errs.length > 0) throw new Error(errs.join('; '));
  let runtime: { backend: Pick<TuneEvent & { status: 'init' }, 'backend' | 'skipped' | 'adapter' | 'engine'>; engine: unknown; tensors: boolean } = { backend: { backend: 'cpu', skipped: [] }, engine: undefined, tensors: false };
  if (family.engine) {
    post({ status: 'stage', id: req.id, stage: 'backend', detail: req.backend });
    const choice = await selectBackend(req.backend);
    const { engine, report } = await engineSetup(req.engine, req.backend, choice.backend, family.engine.what(req.base, req.space), { gpuPath: family.engine.gpuPath });
    runtime = { backend: { ...backendReport(choice), engine: report }, engine, tensors: true };
  }
  post({ status: 'stage', id: req.id, stage: 'preprocess', detail: family.describeInput(req.input) });
  const prepared = await family.prepare({ input: req.input, base: req.base, metric: req.metric, engine: runtime.engine });
  post({
    status: 'init',
    id: req.id,
    ...runtime.backend,
    splitSizes: prepared.splitSizes,
    featureNames: prepared.featureNames,
    droppedRows: prepared.droppedRows,
    maxEpochs: family.maxSteps(req.base, req.space),
  });
  let last: StepFigures | null = null;
  const baseline = runtime.tensors ? tf.memory().numTensors : 0;
  const objective = familyObjective(family, prepared, req.base, { shouldStop: stopped, onStep: (f) => (last = f) });
  const result = await runSearch({
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
    onTrial: (e) => {
      if (e.type === 'step') {
        const s = last;
        post({ status: 'epoch', id: req.id, trial: e.trial, epoch: e.step, value: e.value, trainLoss: s?.trainLoss ?? NaN, valLoss: s?.valLoss ?? NaN, elapsedMs: s?.elapsedMs ?? 0, numTensors: s?.numTensors ?? 0 });
        return;
      }
      const n = runtime.tensors ? tf.memory().numTensors : 0;
      const leaked = e.type === 'finished' && n > baseline ? `${n - baseline} tensors outlived trial ${e.trial.index + 1}: memory is leaking` : undefined;
      post({ status: 'trial', id: req.id, trial: e.trial, ...(leaked ? { memoryWarning: leaked } : {}) });
    },
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
  tune(req)
    .catch((err: unknown) => post({ status: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) }))
    .finally(() => stops.done(req.id));
};
