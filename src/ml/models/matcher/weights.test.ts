import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { expectClose } from '../../../test-utils/close';
import { fitLeastSquares, fitLogistic, linearScore } from './weights';
import { flattenWorkHistory } from './sections';

describe('section weights', () => {
  it('least squares recovers exact weights and bias from noiseless graded scores', () => {
    const rng = mulberry32(3);
    const n = 200;
    const x = Float64Array.from({ length: n * 3 }, () => rng());
    const y = Float64Array.from({ length: n }, (_, i) => 0.6 * x[i * 3] + 0.3 * x[i * 3 + 1] + 0.1 * x[i * 3 + 2] + 0.05);
    const w = fitLeastSquares(x, 3, y, 0);
    expectClose(w.weights, [0.6, 0.3, 0.1], 1e-9);
    expectClose(w.bias, 0.05, 1e-9);
    expectClose(linearScore(w, x, 3), y, 1e-9);
  });

  it('logistic regression: the gradient of the penalized loss is zero at the fit, and the weight order follows the signal', () => {
    const rng = mulberry32(5);
    const n = 400;
    const x = Float64Array.from({ length: n * 3 }, () => rng());
    const y = Float64Array.from({ length: n }, (_, i) => (rng() < 1 / (1 + Math.exp(-(6 * x[i * 3] + 2 * x[i * 3 + 1] - 4))) ? 1 : 0));
    const l2 = 0.01;
    const w = fitLogistic(x, 3, y, l2);
    const z = linearScore(w, x, 3);
    const g = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const r = 1 / (1 + Math.exp(-z[i])) - y[i];
      for (let j = 0; j < 3; j++) g[j] += r * x[i * 3 + j];
      g[3] += r;
    }
    for (let j = 0; j < 3; j++) g[j] += l2 * w.weights[j];
    expectClose(g, [0, 0, 0, 0], 0, 1e-8);
    expect(w.weights[0]).toBeGreaterThan(w.weights[1]);
    expect(w.weights[1]).toBeGreaterThan(Math.abs(w.weights[2]));
  });

  it('names collinear sections instead of returning garbage', () => {
    const x = Float64Array.from([0.1, 0.1, 0.5, 0.5, 0.9, 0.9]);
    expect(() => fitLeastSquares(x, 2, [1, 2, 3], 0)).toThrow(/collinear/);
  });
});

describe('work history as experience text', () => {
  it('flattens roles most recent first (title, company, description); plain text passes through', () => {
    const cell = JSON.stringify([
      { title: 'data analyst', company: 'Acme', start_date: '2016-01-01' },
      { title: 'data scientist', company: 'Globex', start_date: '2019-05-01', description: 'churn models' },
    ]);
    expect(flattenWorkHistory(cell)).toBe('data scientist Globex churn models. data analyst Acme');
    expect(flattenWorkHistory('5 years of SQL')).toBe('5 years of SQL');
    expect(flattenWorkHistory(null)).toBe('');
    expect(flattenWorkHistory('[not json')).toBe('[not json');
  });
});
