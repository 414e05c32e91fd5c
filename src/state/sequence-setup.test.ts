import { describe, expect, it } from 'vitest';
import type { ColumnStats } from '../ml/data/column-stats';
import { guessHistorySource } from './sequence-setup';

const col = (name: string, dtype: ColumnStats['dtype'], top?: string[]): ColumnStats => ({ name, dtype, missing: 0, missingFraction: 0, distinct: 10, ...(top ? { top: top.map((value) => ({ value, count: 1 })) } : {}) });

describe('guessHistorySource', () => {
  it('finds the JSON work-history column of the candidates table, not the text[] skills column', () => {
    const stats = [col('id', 'id'), col('name', 'text'), col('skills', 'text', ['["sql","python"]']), col('work_history', 'text', ['[{"title":"x"}]'])];
    expect(guessHistorySource(stats)).toEqual({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' });
  });
  it('finds a JSON history by its values when the name says nothing', () => {
    const stats = [col('person_id', 'id'), col('tags', 'text', ['["a"]']), col('blob', 'text', [' [ {"title":"x"}]'])];
    expect(guessHistorySource(stats)).toEqual({ shape: 'json', idColumn: 'person_id', historyColumn: 'blob' });
  });
  it('recognizes a long table', () => {
    const stats = [col('entity_id', 'id'), col('title', 'categorical'), col('start_date', 'datetime'), col('end_date', 'datetime')];
    expect(guessHistorySource(stats)).toEqual({ shape: 'long', idColumn: 'entity_id', titleColumn: 'title', startColumn: 'start_date', endColumn: 'end_date' });
  });
  it('returns null for a dataset without histories', () => {
    expect(guessHistorySource([col('x', 'numeric'), col('y', 'numeric')])).toBeNull();
  });
});
