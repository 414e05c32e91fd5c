import { softmaxRows } from '../../src/ml/calibration/softmax';
import { evaluateTask } from '../../src/ml/metrics/evaluate';
import { sectionExamplesOf } from '../../src/ml/models/sections/data';
import { sectionsRunResult } from '../../src/ml/models/sections/run-result';
import { fitSections, prepareSections } from '../../src/ml/models/sections/train';
import type { StageHook } from '../../src/ml/models/loop-utils';
import { wasmKernelsHere } from '../engine-setup';
import { throttledCheckpoints } from '../checkpoint-post';
import type { TrainRunner } from '../train.protocol';
import type { SectionsEvent, SectionsTrainRequest } from './sections.protocol';

/** One section-classifier fit inside the train worker, on Kiln's WASM kernels (threaded where the page is cross-origin isolated). */
export const run: TrainRunner<SectionsTrainRequest, SectionsEvent> = async (req, post, stopped) => {
  const { id } = req;
  const t0 = performance.now();
  const stage: StageHook = (s, detail) => post({ status: 'stage', id, stage: s, detail });
  stage('preprocess', 'TF-IDF on the training sections');
  const { examples, skipped } = sectionExamplesOf(req.table.frame, req.config.columns, req.table.name);
  const p = prepareSections(examples, req.config, skipped);
  const k = await wasmKernelsHere();
  post({ status: 'init', id, sections: examples.length, labels: p.labels, skipped, vocabulary: p.tfidf.vocabulary.length, sizes: { train: p.split.train.length, validation: p.split.validation.length, test: p.split.test.length }, kernels: 'wasm-simd', threads: k.threads, why: k.why });
  const yVal = Array.from(p.split.validation, (r) => p.y[r]);
  const K = p.labels.length;
  const f = await fitSections(p, req.config, k.kernels, {
    shouldStop: stopped,
    onStage: stage,
    onBatch: (b) => post({ status: 'batch', id, ...b }),
    onCheckpoint: throttledCheckpoints((checkpoint, bytes, transfer) => post({ status: 'checkpoint', id, checkpoint, bytes }, transfer), stopped),
    onEpoch: (e) => post({ status: 'epoch', id, epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, metrics: evaluateTask('multiclass', yVal, softmaxRows(e.valLogits, K), K), elapsedMs: e.elapsedMs, samplesPerSec: e.samplesPerSec }),
  }, req.resume);
  stage('evaluate');
  post({ status: 'done', id, model: f.model, result: sectionsRunResult(f.model, p), reason: f.reason, message: f.message, epochsRun: f.epochsRun, bestEpoch: f.bestEpoch, kernels: f.kernels, durationMs: performance.now() - t0 });
};
