import '../tfjs-runner';
import { backendReport, selectBackend } from '../../src/ml/backends/tf-backend';
import { saveSequenceModel, sequenceModelTransferables } from '../../src/ml/models/sequence/saved-model';
import { prepareSequence, trainSequence } from '../../src/ml/models/sequence/train-sequence';
import { paritySample } from '../../src/ml/models/sequence/run-result';
import type { TrainRunner } from '../train.protocol';
import type { SequenceTrainEvent, SequenceTrainRequest } from './sequence.protocol';
import { netRunHooks, postTrained } from '../run-events';
import type { StageHook } from '../../src/ml/models/loop-utils';
import { engineSetup } from '../engine-setup';

/** One career-path BiLSTM run inside the train worker. */
export const run: TrainRunner<SequenceTrainRequest, SequenceTrainEvent> = async (req, post, stopped) => {
  const started = performance.now();
  const stage: StageHook = (s, detail) => post({ status: 'stage', id: req.id, stage: s, detail });
  stage('backend', req.backend);
  const choice = await selectBackend(req.backend);
  const { engine, report } = await engineSetup(req.engine, req.backend, choice.backend, 'the BiLSTM');
  stage('preprocess', `${req.frame.rowCount.toLocaleString('en-US')} rows into histories, vocabulary and examples`);
  const p = prepareSequence(req.frame, req.data, req.sourceName);
  const ds = p.dataset;
  post({
    status: 'init',
    id: req.id,
    ...backendReport(choice),
    vocabSize: ds.vocab.tokens.length,
    coverage: ds.coverage,
    leakage: ds.leakage,
    entities: p.entities,
    skippedRoles: p.skippedRoles,
    problems: p.problems,
    stepsPerEpoch: Math.ceil(p.rows.train.length / Math.max(1, Math.min(req.model.batchSize, p.rows.train.length))),
    engine: report,
    ...(req.resume ? { resumedFrom: req.resume.epoch } : {}),
  });
  const trained = await trainSequence(p, req.model, netRunHooks(req.id, post, stopped, stage), engine, req.resume);
  const result = {
    vocab: ds.vocab,
    abbreviations: req.data.abbreviations,
    coverage: ds.coverage,
    leakage: ds.leakage,
    tenure: ds.tenure,
    report: trained.report,
    entities: p.entities,
    skippedRoles: p.skippedRoles,
    sample: paritySample(ds.examples, trained.outputs.validation),
  };
  await postTrained(post, req.id, started, trained, (m) => saveSequenceModel(m, trained.spec), sequenceModelTransferables, { result });
};
