import { backendReport, selectBackend } from '../../src/ml/backends/tf-backend';
import { prepareTabular, type PreparedTabular } from '../../src/ml/models/tabular/prepare';
import { saveTabularModel, savedModelTransferables } from '../../src/ml/models/tabular/saved-model';
import { denseSpecOf, trainTabular } from '../../src/ml/models/tabular/train-tabular';
import { tabularSpec } from '../../src/ml/models/tabular/build-model';
import { tabularModels, type TabularConfig } from '../../src/ml/models/tabular/config';
import { checkpointBytes, checkpointTransferables } from '../../src/ml/models/checkpoint';
import type { StageHook } from '../../src/ml/models/loop-utils';
import type { TrainRunner } from '../train.protocol';
import { tensorWatch } from '../tensor-watch';
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
  const leak = tensorWatch();
  const trained = await trainTabular(
    prepared,
    req.model,
    {
      shouldStop: stopped,
      onStage: stage,
      onBatch: (b) => post({ status: 'batch', id: req.id, ...b }),
      onEpoch: (e) => {
        post({ status: 'epoch', id: req.id, ...e, memoryWarning: leak(e.numTensors) });
      },
      onCheckpoint: (cp) => post({ status: 'checkpoint', id: req.id, checkpoint: cp, bytes: checkpointBytes(cp) }, checkpointTransferables(cp)),
    },
    req.resume,
    engine,
  );
  const saved = await saveTabularModel(trained.model, trained.spec);
  trained.model.dispose();
  post(
    {
      status: 'done',
      id: req.id,
      reason: trained.fit.reason,
      message: trained.fit.message,
      epochsRun: trained.fit.epochsRun,
      bestEpoch: trained.fit.bestEpoch,
      finalMetrics: trained.finalMetrics,
      durationMs: performance.now() - started,
      model: saved,
      preprocess: prepared.preprocess,
      task: prepared.task,
      tensorCounts: trained.fit.tensorCounts,
      predictions: trained.predictions,
    },
    savedModelTransferables(saved),
  );
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
