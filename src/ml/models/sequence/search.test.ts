import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { careerPaths } from '../../../../proxy/src/demo/careers';
import { familyObjective, familyStudyErrors } from '../../tune/family';
import { searchFamily } from '../../tune/families';
import { runSearch } from '../../tune/search';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData } from './config';
import { applySequenceParams } from './search';
import { historyFrame } from './test-data';
import { prepareSequence, trainSequence } from './train-sequence';

describe('sequence search', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('applies sampled params and names what the model cannot take', () => {
    const c = applySequenceParams(DEFAULT_SEQUENCE_MODEL, { learningRate: 0.005, hiddenUnits: 32, embeddingDim: 8.2, dropout: 0.3, batchSize: 32, bidirectional: false });
    expect(c).toMatchObject({ learningRate: 0.005, hiddenUnits: 32, embeddingDim: 8, dropout: 0.3, batchSize: 32, bidirectional: false, seed: DEFAULT_SEQUENCE_MODEL.seed });
    expect(() => applySequenceParams(DEFAULT_SEQUENCE_MODEL, { vocab: 3 })).toThrow('vocab: not a tunable sequence setting');
    expect(() => applySequenceParams(DEFAULT_SEQUENCE_MODEL, { layers: 3 })).toThrow('layers must be 1 or 2');
    expect(() => applySequenceParams(DEFAULT_SEQUENCE_MODEL, { bidirectional: 'yes' })).toThrow('bidirectional: expected true or false, got "yes"');
  });

  it('3 trials through the registry: each value is the validation top-1 a sequence run with that config reports', async () => {
    const frame = historyFrame(careerPaths(400));
    const data = defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' });
    const base = { ...DEFAULT_SEQUENCE_MODEL, epochs: 3 };
    const family = searchFamily('sequence');
    const space = [
      { name: 'learningRate', kind: 'log-uniform' as const, low: 3e-3, high: 3e-2 },
      { name: 'hiddenUnits', kind: 'categorical' as const, choices: [8, 16] },
      { name: 'embeddingDim', kind: 'categorical' as const, choices: [8, 16] },
      { name: 'dropout', kind: 'uniform' as const, low: 0, high: 0.3 },
    ];
    const study = { space, trials: 3, sampler: 'random' as const, seed: 3, metric: 'top1', direction: 'maximize' as const, pruner: null };
    expect(familyStudyErrors(family, study, {})).toEqual([]);
    const before = tf.memory().numTensors;
    const prepared = await family.prepare({ input: { frame, data, sourceName: 'careers' }, base, metric: study.metric, engine: { kind: 'tfjs' } });
    const steps: number[] = [];
    const r = await runSearch({ ...study, objective: familyObjective(family, prepared, base, { onStep: (f) => void steps.push(f.valLoss) }) });
    const searchLeft = tf.memory().numTensors - before;
    expect(r.trials).toHaveLength(3);
    expect(steps.length).toBe(r.trials.reduce((n, t) => n + t.intermediate.length, 0));
    const p = prepareSequence(frame, data, 'careers');
    const singleBefore = tf.memory().numTensors;
    for (const t of r.trials) {
      console.log(`sequence trial ${t.index}: ${t.state} top1 ${t.value} ${JSON.stringify(t.params)}${t.error ? ' ' + t.error : ''}`);
      expect(t.state).toBe('complete');
      const single = await trainSequence(p, applySequenceParams(base, t.params));
      single.model.dispose();
      expect(t.value).toBe(single.report.validation.top1);
      expect(t.steps).toBe(single.fit.epochsRun);
    }
    // a sequence run leaves a few tensors behind after its model is disposed (8 here, as of this
    // test); a trial must leave no more than the run it stands for
    expect(searchLeft).toBe(tf.memory().numTensors - singleBefore);
  }, 240_000);
});
