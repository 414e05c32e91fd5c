import { backendReport, selectBackend } from '../src/ml/backends/tf-backend';
import { crossValidateTabular, type TabularCvHooks } from '../src/ml/models/tabular/cross-validate';
import type { TabularCvEvent, TrainRequest } from './train.protocol';
import { tensorWatch } from './tensor-watch';
import type { StageHook } from '../src/ml/models/loop-utils';
import { engineSetup, tabularModels } from './engine-setup';

/**
 * One tabular cross-validation inside the train worker: per-epoch curves per fold, each fold's
 * metrics, then the pooled result. The folds train on the engine a single run of the same setup
 * would (engineSetup, as train.worker.ts picks it), and init says which.
 */
export async function runTabularCv(req: Extract<TrainRequest, { type: 'train-cv' }>, post: (ev: TabularCvEvent) => void, stopped: () => boolean): Promise<void> {
  const started = performance.now();
  const stage: StageHook = (s, detail) => post({ status: 'stage', family: 'tabular-cv', id: req.id, stage: s, detail });
  stage('backend', req.backend);
  const choice = await selectBackend(req.backend);
  const { engine, report } = await engineSetup(req.engine, req.backend, choice.backend, tabularModels([req.model.architecture]), { gpuPath: true });
  stage('preprocess', `${req.frame.rowCount.toLocaleString('en-US')} rows into ${req.cv.folds * req.cv.repeats} folds`);
  const leak = tensorWatch();
  const hooks: TabularCvHooks = {
    shouldStop: stopped,
    onInit: (info) => post({ status: 'init', family: 'tabular-cv', id: req.id, ...backendReport(choice), engine: report, folds: info.folds, featureNames: info.featureNames, droppedRows: info.droppedRows }),
    onEpoch: (fold, e) => post({ status: 'epoch', family: 'tabular-cv', id: req.id, fold, epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, elapsedMs: e.elapsedMs, numTensors: e.numTensors, memoryWarning: leak(e.numTensors) }),
    onFold: (result, index, total) => post({ status: 'fold', family: 'tabular-cv', id: req.id, result, index, total }),
  };
  const r = await crossValidateTabular(req.frame, req.task, req.cv, req.preprocess, req.model, hooks, engine);
  post({ status: 'done', family: 'tabular-cv', id: req.id, reason: r.reason, cv: r.cv, durationMs: performance.now() - started, labels: r.labels });
}
