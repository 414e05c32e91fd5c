import '../tfjs-runner';
import { backendReport, selectBackend } from '../../src/ml/backends/tf-backend';
import { prepareTabular, type PreparedTabular } from '../../src/ml/models/tabular/prepare';
import { saveTabularModel, savedModelTransferables } from '../../src/ml/models/tabular/saved-model';
import { denseSpecOf, trainTabular } from '../../src/ml/models/tabular/train-tabular';
import { tabularSpec } from '../../src/ml/models/tabular/build-model';
import { tabularModels, type TabularConfig } from '../../src/ml/models/tabular/config';
import type { StageHook } from '../../src/ml/models/loop-utils';
import type { TrainRunner } from '../train.protocol';
import { netRunHooks, postTrained } from '../run-events';
import { engineSetup } from '../engine-setup';
import type { TabularTrainEvent, TabularTrainRequest } from './tabular.protocol';

/** One tabular network run (logistic / MLP / ordinal) inside the train worker. */
export const run: TrainRunner<TabularTrainRequest, TabularTrainEvent> = async (req, post, stopped) => {
  const started = performance.now();
  const stage: StageHook = (s, detail) => post({ status: 'stage', id: req.id, stage: s, detail });
  stage('backend', req.backend);
  const choice = await selectBackend(req.backend);
  stage('preprocess', `${req.frame.rowCount.toLocaleString('en-US')} rows (${req.split.strategy} split)`);
  const prepared = prepareTabular(req.frame, req.task, req.split, req.preprocess);
  const stepsPerEpoch = Math.ceil(prepared.arrays.nTrain / Math.min(req.model.batchSize, prepared.arrays.nTrain));
  const { engine, report: engineReport } = await engineSetup(req.engine, req.backend, choice.backend, tabularModels([req.model.architecture]), {
    gpuPath: true,
    dense: denseCalibration(prepared, req.model),
    measureSoftwareGpu: req.measureSoftwareGpu,
  });
  post({
    status: 'init',
    id: req.id,
    ...backendReport(choice),
    engine: engineReport,
    splitSizes: prepared.sizes,
    featureNames: prepared.preprocess.featureNames,
    labels: prepared.labels,
    droppedRows: prepared.droppedRows,
    stepsPerEpoch,
    ...(req.resume ? { resumedFrom: req.resume.epoch } : {}),
  });
  const trained = await trainTabular(prepared, req.model, netRunHooks(req.id, post, stopped, stage, { everyCheckpoint: true }), req.resume, engine);
  const fields = { finalMetrics: trained.finalMetrics, preprocess: prepared.preprocess, task: prepared.task, predictions: trained.predictions };
  await postTrained(post, req.id, started, trained, (m) => saveTabularModel(m, trained.spec), savedModelTransferables, fields);
};

/** The model and data auto measures the engines on; none when the engine cannot describe the model (then the run says so when it trains). */
function denseCalibration(prepared: PreparedTabular, model: TabularConfig) {
  try {
    const spec = denseSpecOf(tabularSpec(prepared.arrays.inputDim, prepared.task.kind, prepared.classes, model), model);
    return { spec, data: prepared.arrays, batchSize: model.batchSize };
  } catch {
    return undefined;
  }
}
