import { describe, expect, it } from 'vitest';
import { inferColumn, inferDType } from './infer-types';

const many = <T,>(f: (i: number) => T, n = 30): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('inferDType', () => {
  it('reads numbers, with missing markers, as numeric', () => {
    expect(inferDType('age', ['1.5', '2', '', 'NA', '-3e2', '7'])).toBe('numeric');
  });
  it('reads 0/1 and yes/no columns as boolean', () => {
    expect(inferDType('flag', ['0', '1', '1', '0'])).toBe('boolean');
    expect(inferDType('smoker', ['yes', 'No', 'YES', ''])).toBe('boolean');
    expect(inferDType('ok', [true, false, null])).toBe('boolean');
  });
  it('reads ISO dates and timestamps as datetime, in UTC', () => {
    expect(inferDType('d', ['2024-01-02', '2023-12-31', '2024-02-29T10:00:00Z'])).toBe('datetime');
    const c = inferColumn('d', ['2024-01-02', null]);
    expect(c.dtype).toBe('datetime');
    expect((c.values as Float64Array)[0]).toBe(Date.UTC(2024, 0, 2));
    expect(Number.isNaN((c.values as Float64Array)[1])).toBe(true);
  });
  it('keeps years numeric rather than dates', () => {
    expect(inferDType('year', ['2019', '2020', '2021'])).toBe('numeric');
  });
  it('tells categoricals from free text', () => {
    expect(inferDType('grade', many((i) => ['A', 'B', 'C'][i % 3]))).toBe('categorical');
    expect(inferDType('essay', many((i) => `this essay number ${i} argues that the thesis holds`))).toBe('text');
  });
  it('flags unique keys as id-like, numeric or not', () => {
    expect(inferDType('candidate_id', many((i) => String(1000 + i)))).toBe('id');
    expect(inferDType('uuid', many((i) => `a${i}f9c2`))).toBe('id');
    // unique integers without an id-like name stay numeric (e.g. a salary column)
    expect(inferDType('salary', many((i) => String(50000 + i * 7)))).toBe('numeric');
  });
  it('calls a column with only missing values categorical', () => {
    expect(inferDType('empty', ['', 'NA', null])).toBe('categorical');
  });
});
