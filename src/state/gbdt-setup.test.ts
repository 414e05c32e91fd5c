import { describe, expect, it } from 'vitest';
import type { ColumnStats } from '../ml/data/column-stats';
import { columnStats } from '../ml/data/column-stats';
import { inferColumn } from '../ml/data/infer-types';
import { defaultGbdtSetup, gbdtSetupProblems, gradeOrder } from './gbdt-setup';

const stat = (name: string, dtype: ColumnStats['dtype'], top: string[] = [], distinct = top.length): ColumnStats => ({ name, dtype, missing: 0, missingFraction: 0, distinct, top: top.map((value) => ({ value, count: 1 })) });

describe('GBDT setup defaults', () => {
  it('orders letter grades lowest first, with + and − between letters; other labels are not grades', () => {
    expect(gradeOrder(['A', 'C+', 'F', 'D+', 'B', 'E', 'C', 'D'])).toEqual(['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A']);
    expect(gradeOrder(['B-', 'A', 'B+', 'B'])).toEqual(['B-', 'B', 'B+', 'A']);
    expect(gradeOrder(['yes', 'no'])).toBeNull();
  });

  it('guesses an ordinal grade target, leaves ids and dates out of the features, and names setup problems', () => {
    const stats = [stat('id', 'numeric', [], 800), stat('created_at', 'datetime'), stat('word_count', 'numeric', [], 500), stat('prompt_id', 'numeric', ['1', '2']), stat('grade', 'categorical', ['C', 'A', 'F', 'B', 'D', 'E', 'D+', 'C+'])];
    const s = defaultGbdtSetup(stats, ['id', 'created_at', 'word_count', 'prompt_id', 'embedding']);
    expect(s.target).toBe('grade');
    expect(s.kind).toBe('ordinal');
    expect(s.labels).toEqual(['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A']);
    expect(s.features).toEqual(['word_count', 'embedding']);
    expect(s.cv.strategy).toBe('stratified');
    expect(gbdtSetupProblems(s)).toEqual([]);
    expect(gbdtSetupProblems({ ...s, features: [], mode: 'cv', cv: { ...s.cv, strategy: 'group' } })).toEqual(['choose at least one feature column', 'grouped folds need a group column']);
  });

  it('a yes/no churn flag (inferred boolean) is a binary target with its own two classes, negative first, and the string columns are features', () => {
    const churned = inferColumn('churned', ['yes', 'no', 'no', 'yes', 'no']);
    const stats = [columnStats({ name: 'city', dtype: 'categorical', values: ['Lyon', 'Nice', 'Lyon', 'Metz', 'Nice'] }), columnStats({ name: 'tenure', dtype: 'numeric', values: Float64Array.from([1, 2, 3, 4, 5]) }), columnStats(churned)];
    expect(stats[2].top).toEqual([
      { value: 'no', count: 3 },
      { value: 'yes', count: 2 },
    ]);
    const s = defaultGbdtSetup(stats, ['city', 'tenure', 'churned']);
    expect(s.target).toBe('churned');
    expect(s.kind).toBe('binary');
    expect(s.labels).toEqual(['no', 'yes']);
    expect(s.features).toEqual(['city', 'tenure']);
    expect(gbdtSetupProblems(s)).toEqual([]);
  });

  it('a flag stored before spellings were kept still offers two classes (false, true)', () => {
    const old = { name: 'churned', dtype: 'boolean' as const, missing: 0, missingFraction: 0, distinct: 2, min: 0, max: 1, mean: 0.4 };
    const s = defaultGbdtSetup([stat('x', 'numeric', [], 50), old], ['x', 'churned']);
    expect(s.labels).toEqual(['false', 'true']);
    expect(gbdtSetupProblems(s)).toEqual([]);
  });
});
