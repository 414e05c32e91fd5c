import '../tfjs-runner';
import { backendReport, selectBackend } from '../../src/ml/backends/tf-backend';
import { rankerTransferables, saveRanker } from '../../src/ml/models/ranker/scorer';
import { scorerNetSpec, trainRanker, type RankerPool } from '../../src/ml/models/ranker/train-ranker';
import type { FitArrays } from '../../src/ml/models/dense-fit';
import type { TrainRunner } from '../train.protocol';
import type { RankerTrainEvent, RankerTrainRequest } from './ranker.protocol';
import { netRunHooks, postTrained } from '../run-events';
import type { StageHook } from '../../src/ml/models/loop-utils';
import { engineSetup } from '../engine-setup';

/** One pairwise ranker run inside the train worker. */
export const run: TrainRunner<RankerTrainRequest, RankerTrainEvent> = async (req, post, stopped) => {
  const started = performance.now();
  const stage: StageHook = (s, detail) => post({ status: 'stage', id: req.id, stage: s, detail });
  stage('backend', req.backend);
  const choice = await selectBackend(req.backend);
  // auto measures the engines on the scorer's steps: a step of n pairs is a forward and backward of 2n item rows
  const { engine, report } = await engineSetup(req.engine, req.backend, choice.backend, 'the pair scorer', {
    gpuPath: true,
    dense: { spec: scorerNetSpec(req.pool.dim, req.model), data: itemRows(req.pool), batchSize: 2 * req.model.batchSize },
    measureSoftwareGpu: req.measureSoftwareGpu,
  });
  let initSent = false;
  stage('preprocess', `${req.pool.size.toLocaleString('en-US')} items and their labeled pairs`);
  // the steps per epoch are known once the pairs are split: init goes out with the first step
  const beforeBatch = (b: { stepsPerEpoch: number }) => {
    if (initSent) return;
    initSent = true;
    post({ status: 'init', id: req.id, ...backendReport(choice), stepsPerEpoch: b.stepsPerEpoch, engine: report, ...(req.resume ? { resumedFrom: req.resume.epoch } : {}) });
  };
  const trained = await trainRanker(req.pool, req.pairs, req.model, netRunHooks(req.id, post, stopped, stage, { beforeBatch }), engine, req.resume);
  const fields = { scores: trained.scores, report: trained.report };
  await postTrained(post, req.id, started, trained, (m) => saveRanker(m, trained.spec), rankerTransferables, fields, [trained.scores.buffer as ArrayBuffer]);
};

/** The pool's items as training rows for the calibration's timed steps (their targets are never read for speed). */
function itemRows(pool: RankerPool): FitArrays {
  return { xTrain: pool.features, yTrain: new Float32Array(pool.size), nTrain: pool.size, xVal: new Float32Array(0), yVal: new Float32Array(0), nVal: 0, inputDim: pool.dim, targetWidth: 1 };
}
