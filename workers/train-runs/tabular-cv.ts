import '../tfjs-runner';
import { backendReport, selectBackend } from '../../src/ml/backends/tf-backend';
import { crossValidateTabular, type TabularCvHooks } from '../../src/ml/models/tabular/cross-validate';
import type { TrainRunner } from '../train.protocol';
import type { TabularCvEvent, TabularCvRequest } from './tabular-cv.protocol';
import { tensorWatch } from '../tensor-watch';
import type { StageHook } from '../../src/ml/models/loop-utils';
import { tabularModels } from '../../src/ml/models/tabular/config';
import { engineSetup } from '../engine-setup';

/**
 * One tabular cross-validation inside the train worker: per-epoch curves per fold, each fold's
 * metrics, then the pooled result. The folds train on the engine a single run of the same setup
 * would (engineSetup, as ./tabular.ts picks it), and init says which.
 */
export const run: TrainRunner<TabularCvRequest, TabularCvEvent> = async (req, post, stopped) => {
  const started = performance.now();
  const stage: StageHook = (s, detail) => post({ status: 'stage', id: req.id, stage: s, detail });
  stage('backend', req.backend);
  const choice = await selectBackend(req.backend);
  const { engine, report } = await engineSetup(req.engine, req.backend, choice.backend, tabularModels([req.model.architecture]), { gpuPath: true });
  stage('preprocess', `${req.frame.rowCount.toLocaleString('en-US')} rows into ${req.cv.folds * req.cv.repeats} folds`);
  const leak = tensorWatch();
  const hooks: TabularCvHooks = {
    shouldStop: stopped,
    onInit: (info) => post({ status: 'init', id: req.id, ...backendReport(choice), engine: report, folds: info.folds, featureNames: info.featureNames, droppedRows: info.droppedRows }),
    onEpoch: (fold, e) => post({ status: 'epoch', id: req.id, fold, epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, elapsedMs: e.elapsedMs, numTensors: e.numTensors, memoryWarning: leak(e.numTensors) }),
    onFold: (result, index, total) => post({ status: 'fold', id: req.id, result, index, total }),
  };
  const r = await crossValidateTabular(req.frame, req.task, req.cv, req.preprocess, req.model, hooks, engine);
  post({ status: 'done', id: req.id, reason: r.reason, cv: r.cv, durationMs: performance.now() - started, labels: r.labels });
};
