import { describe, expect, it } from 'vitest';
import type { Frame } from './frame';
import { rawToImport } from './parse-file';
import { DEFAULT_PREPROCESS, fitPreprocess } from './preprocess';
import { applySchema, EMPTY_SCHEMA, featureTypeLines } from './schema';

const imported = rawToImport({
  header: ['price', 'city', 'code', 'when', 'flag'],
  rowCount: 4,
  columns: [
    ['1.234,5', '76,98', '-', '3'],
    ['Bonn', 'Köln', 'Bonn', null],
    ['10', '20', '10', '30'],
    ['01.02.2024', '31.12.2023', '', '15.06.2024'],
    ['1', '0', '1', '0'],
  ],
});

describe('applySchema', () => {
  it('keeps the detected formats and the text of locale-formatted columns only', () => {
    expect(imported.detected.price).toEqual({ dtype: 'numeric', numberFormat: 'comma-dot' });
    expect(imported.detected.when).toEqual({ dtype: 'datetime', dateFormat: 'dd.mm.yyyy' });
    expect(Object.keys(imported.rawText).sort()).toEqual(['price', 'when']);
  });

  it('without overrides gives the stored frame back', () => {
    const { frame, columns } = applySchema(imported.frame, EMPTY_SCHEMA, imported.rawText);
    expect(frame.columns).toEqual(imported.frame.columns);
    expect(columns.every((c) => !c.overridden)).toBe(true);
  });

  it('re-types columns, re-reads kept text, drops ignored columns, and counts what did not read', () => {
    const { frame, columns } = applySchema(
      imported.frame,
      {
        ...EMPTY_SCHEMA,
        overrides: { price: { type: 'categorical' }, code: { type: 'categorical' }, city: { type: 'ignore' }, flag: { type: 'numeric' }, when: { type: 'datetime', dateFormat: 'mm/dd/yyyy' } },
      },
      imported.rawText,
    );
    expect(frame.columns.map((c) => [c.name, c.dtype])).toEqual([
      ['price', 'categorical'],
      ['code', 'categorical'],
      ['when', 'datetime'],
      ['flag', 'numeric'],
    ]);
    // the text as written, not the parsed number
    expect(frame.columns[0].values).toEqual(['1.234,5', '76,98', null, '3']);
    expect(frame.columns[1].values).toEqual(['10', '20', '10', '30']);
    // "01.02.2024" in a slash format does not read: all three present dates become missing, and are counted
    expect(columns.find((c) => c.name === 'when')?.unread).toBe(3);
    expect(columns.find((c) => c.name === 'city')?.type).toBe('ignore');
  });

  it('reads text overridden to numeric in the format most values show', () => {
    const stored: Frame = { rowCount: 3, columns: [{ name: 'v', dtype: 'categorical', values: ['76,98', 'n/a', '1,5'] }] };
    const { frame, columns } = applySchema(stored, { ...EMPTY_SCHEMA, overrides: { v: { type: 'numeric' } } });
    expect(Array.from(frame.columns[0].values as Float64Array)).toEqual([76.98, NaN, 1.5]);
    expect(columns[0].unread).toBe(0);
  });

  it('changes the features preprocessing builds', () => {
    const before = fitPreprocess(imported.frame, ['code'], Int32Array.from([0, 1, 2, 3]), { ...DEFAULT_PREPROCESS, missingIndicators: false });
    expect(before.featureNames).toEqual(['code']);
    const { frame } = applySchema(imported.frame, { ...EMPTY_SCHEMA, overrides: { code: { type: 'categorical' } } });
    const after = fitPreprocess(frame, ['code'], Int32Array.from([0, 1, 2, 3]), DEFAULT_PREPROCESS);
    expect(after.featureNames).toEqual(['code=10', 'code=20', 'code=30', 'code=__other__']);
  });
});

describe('featureTypeLines', () => {
  it('tells a model card how each feature was written and typed', () => {
    const lines = featureTypeLines(['price', 'when', 'code'], { detected: imported.detected, overrides: { code: { type: 'categorical' } } });
    expect(lines).toEqual([
      '`price`: numeric (written as 1.234,5 in the file)',
      '`when`: date (epoch milliseconds, UTC) (written as dd.mm.yyyy in the file)',
      '`code`: categorical (set by the user, detected as numeric)',
    ]);
  });
});
