import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { buildTabularModel, tabularSpec } from './build-model';
import { defaultTabularConfig, type Activation } from './config';
import { forwardLogits } from './forward';
import { saveTabularModel } from './saved-model';
import { predictLogits } from './train-loop';

describe('forwardLogits', () => {
  for (const activation of ['relu', 'tanh', 'elu', 'selu', 'sigmoid'] as Activation[]) {
    it(`matches TF.js on an MLP with ${activation} and dropout`, async () => {
      const spec = tabularSpec(5, 'multiclass', 3, { ...defaultTabularConfig(), hiddenUnits: [7, 4], activation, dropout: 0.3 });
      const model = buildTabularModel(spec);
      const saved = await saveTabularModel(model, spec);
      const rng = mulberry32(3);
      const x = Float32Array.from({ length: 6 * 5 }, () => rng() * 4 - 2);
      const ref = predictLogits(model, tf.tensor2d(x, [6, 5]));
      const want = (await ref.data()) as Float32Array;
      const got = forwardLogits(saved, x, 6);
      expect(got).toHaveLength(want.length);
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5);
      model.dispose();
      ref.dispose();
    });
  }

  it('handles the linear architecture and refuses a wrong input width', async () => {
    const spec = tabularSpec(3, 'regression', 1, { ...defaultTabularConfig(), architecture: 'linear' });
    const model = buildTabularModel(spec);
    const saved = await saveTabularModel(model, spec);
    const x = Float32Array.from([0.5, -1, 2]);
    const want = (await predictLogits(model, tf.tensor2d(x, [1, 3])).data())[0];
    expect(forwardLogits(saved, x, 1)[0]).toBeCloseTo(want, 5);
    expect(() => forwardLogits(saved, new Float32Array(2), 1)).toThrow(/2 input values for 1 rows of 3 features/);
    model.dispose();
  });
});
