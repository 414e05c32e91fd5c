import { gbdtCheckpointBytes, gbdtCheckpointTransferables, type GbdtCheckpointOffer } from '../../src/ml/models/gbdt/checkpoint';
import { trainGbdtRun, type GbdtRunHooks } from '../../src/ml/models/gbdt/train-gbdt';
import { browserGbdtThreads } from '../../src/ml/models/gbdt/threads/pool-browser';
import type { TrainRunner } from '../train.protocol';
import type { GbdtEvent, GbdtTrainRequest } from './gbdt.protocol';

/** A round can take a millisecond: a checkpoint (copied, posted, written to IndexedDB) every round would cost more than the rounds. */
const CHECKPOINT_EVERY_MS = 1000;

/** One GBDT run inside the train worker (plain TypeScript: no TF.js is loaded for it). */
export const run: TrainRunner<GbdtTrainRequest, GbdtEvent> = async (req, post, stopped) => {
  const ev = req.spec.evaluation;
  let lastCheckpoint = Date.now();
  const onCheckpoint = (o: GbdtCheckpointOffer) => {
    if (!o.final && Date.now() - lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    lastCheckpoint = Date.now();
    const cp = o.take();
    post({ status: 'checkpoint', id: req.id, checkpoint: cp, bytes: gbdtCheckpointBytes(cp) }, gbdtCheckpointTransferables(cp));
  };
  post({ status: 'stage', id: req.id, stage: 'preprocess', detail: `${req.frame.rowCount.toLocaleString('en-US')} rows (binning features, ${ev.mode === 'cv' ? `${ev.cv.folds}-fold CV` : `${ev.split.strategy} split`})` });
  const hooks: GbdtRunHooks = {
    shouldStop: stopped,
    onInit: (info) => post({ status: 'init', id: req.id, ...info, rounds: req.spec.model.rounds }),
    onRoundOf: (fold, r) => post({ status: 'epoch', id: req.id, fold, ...r }),
    onFold: (f, index, total) => post({ status: 'fold', id: req.id, result: f, index, total }),
    onCheckpoint,
  };
  // histograms and split search on every core when the page is cross-origin isolated, in wasm either way
  const threads = await browserGbdtThreads();
  const { result, model, parity, predictions } = await trainGbdtRun(req.frame, req.spec, hooks, req.resume, threads);
  post({ status: 'done', id: req.id, result, model, parity, predictions }, parity ? [parity.x.buffer as ArrayBuffer, parity.outputs.buffer as ArrayBuffer] : []);
};
