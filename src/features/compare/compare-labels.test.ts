import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../db/records';
import { meaningfulRow } from '../../ml/compare/compare-runs';
import { filterableParams, keyLabel, runLabels, showValue } from './compare-labels';

describe('compare labels', () => {
  it('formats dates and durations, hides the holdout fold sentinel', () => {
    const t = Date.UTC(2026, 11, 3, 7, 0, 0);
    expect(showValue('startedAt', t)).not.toBe(String(t));
    expect(showValue('startedAt', t)).toMatch(/2026/);
    expect(showValue('durationMs', 65_000)).toBe('1m 5s');
    expect(showValue('at_best.fold', -1)).toBe('—');
    expect(showValue('model.learningRate', 0.01)).toBe('0.01000');
    expect(meaningfulRow('at_best.fold', [-1, -1])).toBe(false);
    expect(meaningfulRow('at_best.fold', [-1, 2])).toBe(true);
  });

  it('tells two runs with one name apart and keeps filter keys to the ones that differ, in words', () => {
    const r = (id: string, name: string, startedAt: number) => ({ id, name, startedAt }) as RunRecord;
    const labels = runLabels([r('run-a-1111', 'wine · mlp', 1), r('run-b-2222', 'wine · mlp', 2), r('run-c', 'other', 3)]);
    expect(labels[0]).not.toBe(labels[1]);
    expect(labels[0]).toMatch(/#1111$/);
    expect(labels[2]).toBe('other');
    expect(filterableParams([{ 'model.lr': 0.1, 'task.features': ['a'], seed: 1 }, { 'model.lr': 0.2, 'task.features': ['b'], seed: 1 }])).toEqual(['model.lr']);
    expect(keyLabel('model.learningRate')).toBe('model › learning rate');
    expect(keyLabel('metric:roc_auc')).toBe('roc_auc');
  });
});
