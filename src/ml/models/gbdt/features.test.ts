import { describe, expect, it } from 'vitest';
import type { Frame } from '../../data/frame';
import { buildTreeFeatures, treeUsableColumns } from './features';

const frame: Frame = {
  rowCount: 3,
  columns: [
    { name: 'words', dtype: 'numeric', values: Float64Array.from([120, NaN, 300]) },
    { name: 'emb', dtype: 'text', values: ['[0.1, 0.2, 0.3]', null, '[1, 2, 3]'] },
    { name: 'paragraphs', dtype: 'text', values: ['[10, 20]', '[5, 6, 7]', '[1, 2]'] },
    { name: 'name', dtype: 'categorical', values: ['a', 'b', 'c'] },
  ],
};

describe('tree features from a frame', () => {
  it('offers numeric columns and fixed-length number-array columns (embeddings), not ragged lists or categories', () => {
    expect(treeUsableColumns(frame)).toEqual([
      { column: 'words', kind: 'numeric' },
      { column: 'emb', kind: 'embedding' },
    ]);
  });

  it('expands an embedding into one feature per dimension; missing cells become NaN', () => {
    const f = buildTreeFeatures(frame, { columns: ['words', 'emb'] });
    expect(f.names).toEqual(['words', 'emb[0]', 'emb[1]', 'emb[2]']);
    expect(f.widths).toEqual([
      { column: 'words', width: 1, kind: 'numeric' },
      { column: 'emb', width: 3, kind: 'embedding' },
    ]);
    expect(Array.from(f.x)).toEqual([120, Math.fround(0.1), Math.fround(0.2), Math.fround(0.3), NaN, NaN, NaN, NaN, 300, 1, 2, 3]);
  });

  it('names the dataset, row and column of a bad cell', () => {
    expect(() => buildTreeFeatures(frame, { columns: ['paragraphs'] }, 'essays.csv')).toThrow('essays.csv, row 2, column "paragraphs": the array has 3 numbers, row 1 has 2');
    expect(() => buildTreeFeatures(frame, { columns: ['name'] }, 'essays.csv')).toThrow(/row 1, column "name": "a" is not a number array/);
    const broken: Frame = { rowCount: 1, columns: [{ name: 'e', dtype: 'text', values: ['[0.1, "x"]'] }] };
    expect(() => buildTreeFeatures(broken, { columns: ['e'] }, 'd')).toThrow('d, row 1, column "e": the array holds "x"; only numbers (or null) are allowed');
  });
});
