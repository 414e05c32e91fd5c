import { matcherInputs } from '../../src/ml/models/matcher/matcher-data';
import { trainMatcher } from '../../src/ml/models/matcher/train-matcher';
import type { TrainRunner } from '../train.protocol';
import { MATCHER_STAGES, type MatcherEvent, type MatcherTrainRequest } from './matcher.protocol';

/** One matcher fit inside the train worker. It takes seconds and has no epochs to stop between, so a stop is not read. */
export const run: TrainRunner<MatcherTrainRequest, MatcherEvent> = async (req, post) => {
  const t0 = performance.now();
  const inputs = matcherInputs(req.tables, req.columns);
  post({ status: 'init', id: req.id, pairs: inputs.pairs.candidate.length, candidates: inputs.docs.candidates.size, jobs: inputs.docs.jobs.size, skipped: inputs.skipped.count, skippedExamples: inputs.skipped.examples });
  const result = trainMatcher(inputs, req.config, (stage) => post({ status: 'batch', id: req.id, stage, index: MATCHER_STAGES.indexOf(stage), stages: MATCHER_STAGES.length, elapsedMs: performance.now() - t0 }));
  const h = result.heldOut;
  const buffers = [h.label, h.score, h.similarities, h.fixed.score, h.fixed.probability, h.learned.score, h.learned.probability].filter((a): a is Float64Array => a !== null).map((a) => a.buffer as ArrayBuffer);
  post({ status: 'done', id: req.id, result }, buffers);
  return Promise.resolve();
};
