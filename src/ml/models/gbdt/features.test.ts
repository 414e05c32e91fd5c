import { describe, expect, it } from 'vitest';
import type { Frame } from '../../data/frame';
import { orderCategories } from './category-codes';
import { buildTreeFeatures, treeExcludedColumns, treeUsableColumns } from './features';

const frame: Frame = {
  rowCount: 3,
  columns: [
    { name: 'words', dtype: 'numeric', values: Float64Array.from([120, NaN, 300]) },
    { name: 'emb', dtype: 'text', values: ['[0.1, 0.2, 0.3]', null, '[1, 2, 3]'] },
    { name: 'paragraphs', dtype: 'text', values: ['[10, 20]', '[5, 6, 7]', '[1, 2]'] },
    { name: 'name', dtype: 'categorical', values: ['b', null, 'a'] },
    { name: 'essay_id', dtype: 'id', values: ['e1', 'e2', 'e3'] },
  ],
};

describe('tree features from a frame', () => {
  it('offers numeric columns, fixed-length number-array columns (embeddings) and categorical columns; not ragged lists or ids', () => {
    expect(treeUsableColumns(frame)).toEqual([
      { column: 'words', kind: 'numeric' },
      { column: 'emb', kind: 'embedding' },
      { column: 'name', kind: 'categorical', levels: 2 },
    ]);
  });

  it('says why each column it leaves out is left out', () => {
    const out = treeExcludedColumns(frame);
    expect(out.map((x) => x.column)).toEqual(['paragraphs', 'essay_id']);
    expect(out[0].reason).toMatch(/lists of different lengths/);
    expect(out[1].reason).toMatch(/an id/);
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

  it('codes a categorical column as one feature; missing is NaN', () => {
    const f = buildTreeFeatures(frame, { columns: ['emb', 'name'] });
    expect(f.names).toEqual(['emb[0]', 'emb[1]', 'emb[2]', 'name']);
    expect(f.categorical).toEqual([{ feature: 3, column: 'name', values: ['a', 'b'] }]);
    expect([f.x[3], f.x[7], f.x[11]]).toEqual([1, NaN, 0]);
  });

  it('names the dataset, row and column of a bad cell', () => {
    expect(() => buildTreeFeatures(frame, { columns: ['paragraphs'] }, 'essays.csv')).toThrow('essays.csv, row 2, column "paragraphs": the array has 3 numbers, row 1 has 2');
    expect(() => buildTreeFeatures(frame, { columns: ['essay_id'] }, 'essays.csv')).toThrow('essays.csv, column "essay_id": an id column');
    const prose: Frame = { rowCount: 1, columns: [{ name: 'body', dtype: 'text', values: ['a long essay'] }] };
    expect(() => buildTreeFeatures(prose, { columns: ['body'] }, 'essays.csv')).toThrow(/row 1, column "body": "a long essay" is not a number array/);
    const broken: Frame = { rowCount: 1, columns: [{ name: 'e', dtype: 'text', values: ['[0.1, "x"]'] }] };
    expect(() => buildTreeFeatures(broken, { columns: ['e'] }, 'd')).toThrow('d, row 1, column "e": the array holds "x"; only numbers (or null) are allowed');
  });
});

describe('orderCategories', () => {
  const city: Frame = {
    rowCount: 8,
    columns: [{ name: 'city', dtype: 'categorical', values: ['Lyon', 'Lyon', 'Paris', 'Paris', 'Nice', 'Nice', 'Metz', null] }],
  };
  const y = Float64Array.from([1, 1, 0, 1, 0, 0, 1, 0]);
  const feats = buildTreeFeatures(city, { columns: ['city'] });

  it('ranks categories by their mean target on the training rows, and only those rows', () => {
    // training rows 0-5: Nice 0, Paris 0.5, Lyon 1; Metz only in row 6 (not training) gets no code
    const { x, categorical } = orderCategories(feats, y, Int32Array.from([0, 1, 2, 3, 4, 5]), 'binary');
    expect(categorical).toEqual([{ feature: 'city', categories: ['Nice', 'Paris', 'Lyon'] }]);
    expect(Array.from(x)).toEqual([2, 2, 1, 1, 0, 0, NaN, NaN]);
    // the input is left as it was: cross-validation codes each fold from the same features
    expect(Array.from(feats.x)).toEqual([0, 0, 3, 3, 2, 2, 1, NaN]);
  });

  it('ranks by training frequency for multiclass, most frequent first, ties by name', () => {
    const { categorical } = orderCategories(feats, Float64Array.from([0, 1, 2, 0, 1, 2, 0, 1]), Int32Array.from([0, 1, 2, 4, 5, 6]), 'multiclass');
    expect(categorical[0].categories).toEqual(['Lyon', 'Nice', 'Metz', 'Paris']);
  });
});
