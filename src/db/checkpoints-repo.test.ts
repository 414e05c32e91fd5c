import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storageErrorMessage } from './db';
import { freshDatabases } from '../test-utils/test-db';
import { checkpointRecord, getCheckpoint, putCheckpoint, rewindRunTo } from './checkpoints-repo';
import { appendMetrics, putArtifacts, putRun, runSeries } from './runs-repo';
import type { RunMetricRecord, RunRecord } from './records';
import type { NetCheckpoint } from '../ml/models/checkpoint';

const fresh = freshDatabases('kiln-cp-test');

const run = (id: string, status: RunRecord['status']): RunRecord => ({
  family: 'tabular',
  id,
  name: id,
  datasetId: 'ds',
  datasetName: 'ds.csv',
  task: { target: 'y', kind: 'binary', features: ['x'] },
  split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 },
  preprocess: { standardize: true, maxCategories: 5, numericImpute: 'mean', missingIndicators: false },
  model: {} as Extract<RunRecord, { family: 'tabular' }>['model'],
  backendRequested: 'wasm',
  status,
  message: 'stopped',
  finalMetrics: { accuracy: 0.5 },
  startedAt: 1,
});

const cp = (epoch: number): NetCheckpoint => ({
  epoch,
  nTrain: 10,
  weights: [Float32Array.from([epoch, 2])],
  optimizer: { iterations: epoch * 3, slots: [new Float32Array(2), new Float32Array(2)], accBeta: [0.9 ** (epoch * 3), 0.999 ** (epoch * 3)] },
  rngState: 1234 + epoch,
  keeper: { bestValLoss: 0.5, bestEpoch: epoch, sinceBest: 0, best: null },
});

const epochRec = (runId: string, seq: number): RunMetricRecord => ({ runId, kind: 'epoch', seq, trainLoss: 1 / seq, valLoss: 1 / seq, valMetrics: {}, numTensors: 5, elapsedMs: 1, samplesPerSec: 1 });
const stepRec = (runId: string, epoch: number, seq: number): RunMetricRecord => ({ runId, kind: 'step', seq, epoch, loss: 1 / seq });

describe('checkpoints', () => {
  it('keeps one latest checkpoint per run, typed arrays intact', async () => {
    const d = fresh();
    await putCheckpoint(checkpointRecord('a', cp(3), 8, 10), d);
    await putCheckpoint(checkpointRecord('a', cp(6), 8, 20), d);
    await putCheckpoint(checkpointRecord('b', cp(3), 8, 30), d);
    const back = await getCheckpoint('a', d);
    expect([back?.id, back?.epoch, back?.createdAt]).toEqual(['a:latest', 6, 20]);
    expect(back?.data.weights[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(back!.data.weights[0])).toEqual([6, 2]);
    expect(await d.checkpoints.count()).toBe(2);
  });

  it('a quota error on a checkpoint is reported as such and leaves the previous checkpoint, the run and its curve as they were', async () => {
    const d = fresh();
    await putRun(run('a', 'running'), d);
    await appendMetrics([epochRec('a', 1), epochRec('a', 2), epochRec('a', 3)], d);
    await putCheckpoint(checkpointRecord('a', cp(3), 8), d);
    // the browser refuses the write the way a full origin quota does
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    d.checkpoints.hook('updating', full);
    const err = await putCheckpoint(checkpointRecord('a', cp(6), 8), d).catch((e: unknown) => e);
    expect(err).toBeTruthy();
    const message = storageErrorMessage(err, 'the checkpoint of epoch 6');
    expect(message).toMatch(/^Could not save the checkpoint of epoch 6: the browser's storage quota is full\..*nothing already saved was changed/);
    d.checkpoints.hook('updating').unsubscribe(full);
    expect((await getCheckpoint('a', d))?.epoch).toBe(3);
    expect((await d.runs.get('a'))?.status).toBe('running');
    expect((await runSeries('a', d)).epochs.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('rewinding for a resume drops the curve after the checkpoint epoch and the old artifacts, and marks the run running', async () => {
    const d = fresh();
    await putRun(run('a', 'user-stopped'), d);
    await putRun(run('b', 'completed'), d);
    await appendMetrics([1, 2, 3, 4, 5].map((e) => epochRec('a', e)), d);
    await appendMetrics([1, 2, 3, 4, 5].flatMap((e) => [stepRec('a', e, e * 2 - 1), stepRec('a', e, e * 2)]), d);
    await appendMetrics([epochRec('b', 1), epochRec('b', 2)], d);
    await putArtifacts([{ id: 'a:model', runId: 'a', kind: 'calibrator', data: { method: 'platt' } as never, createdAt: 1 }], d);
    await rewindRunTo('a', 3, { status: 'running', message: undefined, finalMetrics: undefined, resumes: [{ fromEpoch: 3, at: 5 }] }, d);
    const s = await runSeries('a', d);
    expect(s.epochs.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(s.steps.map((e) => e.epoch)).toEqual([1, 1, 2, 2, 3, 3]);
    expect((await runSeries('b', d)).epochs).toHaveLength(2);
    expect(await d.artifacts.count()).toBe(0);
    const back = await d.runs.get('a');
    expect(back?.status).toBe('running');
    expect(back && 'message' in back).toBe(false);
    expect(back?.finalMetrics).toBeUndefined();
    expect(back?.family === 'tabular' && back.resumes).toEqual([{ fromEpoch: 3, at: 5 }]);
  });

  it('refuses to rewind a registered run and changes nothing', async () => {
    const d = fresh();
    await putRun(run('a', 'user-stopped'), d);
    await appendMetrics([1, 2, 3, 4].map((e) => epochRec('a', e)), d);
    await d.models.put({ id: 'm_v1.0', modelType: 'm', major: 1, minor: 0, suffix: null, runId: 'a', runName: 'a', family: 'tabular', registeredAt: 1, note: '', archived: false, config: {}, metrics: {}, calibration: null });
    await expect(rewindRunTo('a', 2, { status: 'running' }, d)).rejects.toThrow(/registered as m_v1.0/);
    expect((await runSeries('a', d)).epochs).toHaveLength(4);
    expect((await d.runs.get('a'))?.status).toBe('user-stopped');
  });
});
