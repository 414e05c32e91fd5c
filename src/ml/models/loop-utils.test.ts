import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKER } from './ranker/config';
import { buildScorer } from './ranker/scorer';
import { kernels } from './loop-utils';

describe('kernels', () => {
  it('finds the Dense kernels of every model in the process, not only the first (TF.js renames later variables)', async () => {
    await tf.setBackend('cpu');
    const spec = { inputDim: 3, featureNames: [], normalization: { mean: [0, 0, 0], scale: [1, 1, 1] }, config: { ...DEFAULT_RANKER, hiddenUnits: 4, hiddenLayers: 2 as const } };
    const first = buildScorer(spec);
    const second = buildScorer(spec);
    expect(second.trainableWeights.some((w) => w.name !== w.originalName)).toBe(true);
    expect(kernels(first).map((k) => k.shape)).toEqual([[3, 4], [4, 4], [4, 1]]);
    expect(kernels(second).map((k) => k.shape)).toEqual([[3, 4], [4, 4], [4, 1]]);
    first.dispose();
    second.dispose();
  });
});
