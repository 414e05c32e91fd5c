import { describe, expect, it } from 'vitest';
import { columnStats } from '../ml/data/column-stats';
import { inferColumn } from '../ml/data/infer-types';
import type { TaskSpec } from '../ml/task';
import { targetProblems } from './target-problems';

const task = (target: string, kind: TaskSpec['kind'], labels?: string[]): TaskSpec => ({ target, kind, features: ['x'], labels });
const stats = (name: string, cells: (string | null)[]) => [columnStats(inferColumn(name, cells))];

describe('targetProblems', () => {
  it('names a single-class target, its one class and its row count', () => {
    const s = stats('churned', ['yes', 'yes', null, 'yes']);
    // in the file's own word for the flag, not "true"
    expect(targetProblems(s, task('churned', 'binary'), 4)).toEqual(['the target "churned" has a single class ("yes" in 3 rows); classification needs at least 2 classes']);
    const c = stats('grade', ['B', 'B', 'B']);
    expect(targetProblems(c, task('grade', 'multiclass'), 3)[0]).toMatch(/single class \("B" in 3 rows\)/);
  });

  it('an empty or constant target is refused for every kind', () => {
    expect(targetProblems(stats('y', [null, null]), task('y', 'binary'), 2)[0]).toMatch(/no values/);
    expect(targetProblems(stats('y', ['3', '3', '3']), task('y', 'regression'), 3)[0]).toMatch(/constant/);
  });

  it('binary with more than 2 classes and no chosen pair is refused; a usable target passes', () => {
    expect(targetProblems(stats('y', ['a', 'b', 'c']), task('y', 'binary'), 3)[0]).toMatch(/exactly 2 classes; "y" has 3/);
    expect(targetProblems(stats('y', ['a', 'b', 'a']), task('y', 'binary'), 3)).toEqual([]);
    expect(targetProblems(stats('y', ['1.5', '2', '3']), task('y', 'regression'), 3)).toEqual([]);
    expect(targetProblems(stats('other', ['a']), task('y', 'binary'), 1)).toEqual([]);
  });
});
