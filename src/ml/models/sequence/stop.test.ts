import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { careerPaths } from '../../../../proxy/src/demo/careers';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceModelConfig } from './config';
import { historyFrame } from './test-data';
import { prepareSequence, trainSequence, type SequenceEpochSummary } from './train-sequence';

const prepared = () => prepareSequence(historyFrame(careerPaths(600)), defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), 'candidates');
const small: SequenceModelConfig = { ...DEFAULT_SEQUENCE_MODEL, hiddenUnits: 4, embeddingDim: 4, batchSize: 16, epochs: 20, earlyStopping: { enabled: false, patience: 3, restoreBestWeights: true } };

describe('Stop on a sequence run', () => {
  it('lands between steps mid-epoch: no step runs after the request, the finished epochs and the best weights are kept, and the report scores the kept weights', async () => {
    await tf.setBackend('cpu');
    const p = prepared();
    const steps = Math.ceil(p.rows.train.length / small.batchSize);
    expect(steps).toBeGreaterThan(6);
    const epochs: SequenceEpochSummary[] = [];
    let asked = 0;
    let stoppedAt: number | null = null;
    let batchesAfterStop = 0;
    // the request comes 3 steps into epoch 3
    const trained = await trainSequence(p, small, {
      onEpoch: (e) => void epochs.push(e),
      onBatch: () => {
        if (stoppedAt !== null) batchesAfterStop++;
      },
      shouldStop: () => {
        asked++;
        if (stoppedAt === null && epochs.length === 2 && asked > 2 * steps + 3) stoppedAt = asked;
        return stoppedAt !== null;
      },
    });
    expect(trained.fit.reason).toBe('user-stopped');
    expect(trained.fit.epochsRun).toBe(2);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    // the loop checks before every step and ran none after the request
    expect(asked).toBe(stoppedAt);
    expect(batchesAfterStop).toBe(0);
    const best = epochs.reduce((a, b) => (b.val.total < a.val.total ? b : a));
    expect(trained.fit.bestEpoch).toBe(best.epoch);
    expect(trained.fit.keptEpoch).toBe(best.epoch);
    // the kept model is the best epoch's: its report is that epoch's validation, to the bit
    expect(trained.report.validation.top1).toBe(best.valMetrics.top1);
    expect(trained.report.validation.losses.total).toBe(best.val.total);
    expect(trained.report.test.examples).toBeGreaterThan(0);
    trained.model.dispose();
  }, 120_000);

  it('without restore-best, a stop mid-epoch keeps the weights it has and scores them afresh', async () => {
    await tf.setBackend('cpu');
    const p = prepared();
    const steps = Math.ceil(p.rows.train.length / small.batchSize);
    let asked = 0;
    const epochs: SequenceEpochSummary[] = [];
    const trained = await trainSequence(p, { ...small, earlyStopping: { enabled: false, patience: 3, restoreBestWeights: false } }, { onEpoch: (e) => void epochs.push(e), shouldStop: () => ++asked > steps + 2 });
    expect(trained.fit.reason).toBe('user-stopped');
    expect(trained.fit.epochsRun).toBe(1);
    expect(trained.fit.keptEpoch).toBeNull();
    // two steps of epoch 2 moved the weights: the report is not epoch 1's
    expect(trained.report.validation.losses.total).not.toBe(epochs[0].val.total);
    trained.model.dispose();
  }, 120_000);
});
