import { describe, expect, it } from 'vitest';
import type { ColumnStats } from '../ml/data/column-stats';
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
});
