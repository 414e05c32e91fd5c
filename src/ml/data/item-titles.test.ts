import { describe, expect, it } from 'vitest';
import type { Frame } from './frame';
import { itemTitles, titleColumn } from './item-titles';

const frame = (cols: Frame['columns']): Frame => ({ rowCount: 3, columns: cols });

describe('item titles', () => {
  it('takes a title- or name-like text column, never the id or a number', () => {
    const jobs = frame([
      { name: 'id', dtype: 'numeric', values: Float64Array.from([7, 8, 9]) },
      { name: 'description', dtype: 'text', values: ['long text', 'more', 'text'] },
      { name: 'title', dtype: 'text', values: ['Data analyst', null, '  '] },
    ]);
    expect(titleColumn(jobs, 'id')).toBe('title');
    // numeric ids are matched as the text the rest of the studio uses; missing and blank titles are left out
    expect([...itemTitles(jobs, 'id')]).toEqual([['7', 'Data analyst']]);
    const people = frame([
      { name: 'candidate_id', dtype: 'id', values: ['c1', 'c2', 'c1'] },
      { name: 'bio', dtype: 'text', values: ['x', 'y', 'z'] },
      { name: 'candidate_name', dtype: 'text', values: ['Ana', 'Bo', 'Ana again'] },
    ]);
    expect(titleColumn(people, 'candidate_id')).toBe('candidate_name');
    expect(itemTitles(people, 'candidate_id')).toEqual(new Map([['c1', 'Ana'], ['c2', 'Bo']]));
  });

  it('a table of two kinds of item: each id takes its own column, and with ownOnly never the other’s', () => {
    const scores = frame([
      { name: 'candidate_id', dtype: 'id', values: ['c1', 'c2', 'c3'] },
      { name: 'job_id', dtype: 'id', values: ['j1', 'j2', 'j3'] },
      { name: 'title', dtype: 'text', values: ['Analyst', 'Engineer', 'Lead'] },
      { name: 'candidate_name', dtype: 'text', values: ['Ana', 'Bo', 'Cy'] },
    ]);
    expect(titleColumn(scores, 'candidate_id', true)).toBe('candidate_name');
    expect(titleColumn(scores, 'job_id', true)).toBeNull();
    expect(titleColumn(scores, 'job_id')).toBe('title');
    expect(itemTitles(scores, 'job_id', true).size).toBe(0);
  });

  it('gives nothing when no column names the rows', () => {
    const f = frame([
      { name: 'name', dtype: 'id', values: ['a', 'b', 'c'] },
      { name: 'stars', dtype: 'numeric', values: Float64Array.from([1, 2, 3]) },
      { name: 'summary', dtype: 'text', values: ['x', 'y', 'z'] },
      { name: 'renamed_at', dtype: 'text', values: ['x', 'y', 'z'] },
    ]);
    expect(titleColumn(f, 'name')).toBeNull();
    expect(itemTitles(f, 'name').size).toBe(0);
    expect(itemTitles(f, 'missing_id').size).toBe(0);
  });
});
