import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { careerPaths } from '../../../../proxy/src/demo/careers';
import { DEMO_COUNTS } from '../../../../proxy/src/demo/generate';
import { expectClose } from '../../../test-utils/close';
import { buildSequenceModel } from './build-model';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData } from './config';
import { historyFrame } from './test-data';
import { prepareSequence, trainSequence } from './train-sequence';

describe('masking', () => {
  it.each([
    { bidirectional: true, layers: 2 },
    { bidirectional: false, layers: 1 },
  ])('a right-padded batch gives the outputs of each sequence run alone (%o)', async (c) => {
    await tf.setBackend('cpu');
    const model = buildSequenceModel({ vocabSize: 30, tenureMean: 20, tenureStd: 10, config: { ...DEFAULT_SEQUENCE_MODEL, ...c } });
    const seqs = [[3, 4, 5], [7, 2, 9, 11, 12, 1, 8], [5], [29, 28]];
    const T = 9;
    const padded = tf.tensor2d(seqs.map((s) => [...s, ...Array(T - s.length).fill(0)]), [seqs.length, T], 'int32');
    const batch = (model.predict(padded) as tf.Tensor[]).map((t) => t.arraySync() as number[][]);
    seqs.forEach((s, i) => {
      const alone = (model.predict(tf.tensor2d([s], [1, s.length], 'int32')) as tf.Tensor[]).map((t) => t.arraySync() as number[][]);
      for (let h = 0; h < 3; h++) expectClose(batch[h][i], alone[h][0], 1e-6, 1e-7);
    });
    // and the padding really is ignored: the same ids with other trailing tokens differ
    const unmasked = (model.predict(tf.tensor2d([[3, 4, 5, 6, 6, 6, 6, 6, 6]], [1, T], 'int32')) as tf.Tensor[])[0].arraySync() as number[][];
    expect(Math.max(...unmasked[0].map((v, j) => Math.abs(v - batch[0][0][j])))).toBeGreaterThan(1e-4);
  });
});

describe('training on the demo careers', () => {
  it(`beats the most-frequent-transition baseline on top-1 (${DEMO_COUNTS.candidates} candidates, WASM backend) and reports the career-changer slice`, async () => {
    await tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const prepared = prepareSequence(historyFrame(careerPaths(DEMO_COUNTS.candidates)), defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), 'candidates');
    expect(prepared.entities).toBeGreaterThanOrEqual(5000);
    const counts: number[] = [];
    const trained = await trainSequence(prepared, DEFAULT_SEQUENCE_MODEL, { onEpoch: (e) => void counts.push(e.numTensors) });
    const { validation, test, baseline } = trained.report;
    console.log(
      `sequence model top-1: validation ${validation.top1.toFixed(4)} vs baseline ${baseline.validation.top1.toFixed(4)}; test ${test.top1.toFixed(4)} vs ${baseline.test.top1.toFixed(4)}; ` +
        `top-5 ${test.top5.toFixed(4)}; hire AUC ${test.hireAuc.toFixed(3)}; changers (test, n=${test.changers.examples}): top-1 ${test.changers.top1.toFixed(3)}, same-title rate ${test.changers.samePredictionRate.toFixed(3)} (baseline ${baseline.test.samePredictionRate.toFixed(3)}); epochs ${trained.fit.epochsRun}`,
    );
    expect(validation.top1).toBeGreaterThan(baseline.validation.top1);
    expect(test.top1).toBeGreaterThan(baseline.test.top1);
    expect(test.top5).toBeGreaterThan(test.top1);
    expect(test.changers.examples).toBeGreaterThan(0);
    expect(test.changers.samePredictionRate).toBeGreaterThanOrEqual(0);
    expect(test.changers.warning === null).toBe(test.changers.samePredictionRate <= 0.5);
    expect(trained.report.calibration).not.toBeNull();
    expect(trained.report.calibration!.testEceAfter).toBeLessThan(trained.report.calibration!.testEceBefore);
    // no tensor leak across epochs on the WASM backend
    expect(new Set(counts).size).toBe(1);
    trained.model.dispose();
  }, 300_000);
});
