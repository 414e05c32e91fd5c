import { describe, expect, it } from 'vitest';
import { detectDateFormat, parseDateAs } from './date-format';
import { inferColumn, inferSpec } from './infer-types';
import { detectNumberFormat, parseNumberAs } from './number-format';

const values = (name: string, cells: (string | null)[]) => Array.from(inferColumn(name, cells).values as Float64Array);

describe('number formats', () => {
  it('reads decimal commas without help', () => {
    expect(inferSpec('price', ['76,98', '12,5', '3', ''])).toMatchObject({ dtype: 'numeric', numberFormat: 'comma' });
    expect(values('price', ['76,98', '12,5', '3', ''])).toEqual([76.98, 12.5, 3, NaN]);
  });
  it('reads thousands separators of every kind', () => {
    expect(values('a', ['1.234.567,89', '12,5', '-1.000'])).toEqual([1234567.89, 12.5, -1000]);
    expect(values('b', ['1,234,567.89', '12.5', '1,000'])).toEqual([1234567.89, 12.5, 1000]);
    expect(values('c', ['1 234', '12 345 678', '5'])).toEqual([1234, 12345678, 5]);
    expect(values('d', ["1'234.50", "12'000", '7.25'])).toEqual([1234.5, 12000, 7.25]);
    expect(values('e', ['1\u00a0234,5', '2\u202f000', '3'])).toEqual([1234.5, 2000, 3]);
  });
  it('reads percent and currency, keeping the value as written', () => {
    expect(inferSpec('rate', ['12,5 %', '3 %', '100%'])).toMatchObject({ dtype: 'numeric', numberFormat: 'comma', percent: true });
    expect(values('rate', ['12,5 %', '3 %', '100%'])).toEqual([12.5, 3, 100]);
    expect(inferSpec('amt', ['€1.234,50', '€12,00', '€ 3'])).toMatchObject({ numberFormat: 'comma-dot', currency: '€' });
    expect(values('amt', ['€1.234,50', '€12,00', '€ 3'])).toEqual([1234.5, 12, 3]);
    expect(values('usd', ['$1,200', '$35.10', '-$5', '($1,000.50)'])).toEqual([1200, 35.1, -5, -1000.5]);
    expect(values('chf', ["CHF 1'234.50", '12 CHF'])).toEqual([1234.5, 12]);
  });
  it('decides an ambiguous "1,234" by the rest of the column', () => {
    // alone (or with integers) a comma followed by three digits groups thousands
    expect(values('x', ['1,234', '567', '2,000'])).toEqual([1234, 567, 2000]);
    expect(inferSpec('x', ['1,234', '567']).ambiguous).toBe(true);
    // one decimal comma elsewhere makes every comma a decimal mark
    expect(values('x', ['1,234', '567', '0,5'])).toEqual([1.234, 567, 0.5]);
    expect(values('x', ['1,234', '76,98'])).toEqual([1.234, 76.98]);
    // a dot decimal elsewhere makes the comma a group separator
    expect(values('x', ['1,234', '5.5'])).toEqual([1234, 5.5]);
    // "1.234" alone is a dot decimal; a dot grouping elsewhere turns it into 1234
    expect(values('x', ['1.234', '2'])).toEqual([1.234, 2]);
    expect(inferSpec('x', ['1.234', '2']).ambiguous).toBe(true);
    expect(values('x', ['1.234', '1.234.567'])).toEqual([1234, 1234567]);
    expect(values('x', ['1.234', '5,5'])).toEqual([1234, 5.5]);
  });
  it('keeps plain numbers plain and unambiguous', () => {
    expect(inferSpec('x', ['1.5', '-2', '3e2'])).toEqual({ dtype: 'numeric', numberFormat: 'plain' });
    expect(inferSpec('x', ['15', '-2', '300'])).toEqual({ dtype: 'numeric', numberFormat: 'plain' });
  });
  it('handles negatives, missing markers and empty columns', () => {
    expect(values('x', ['-1,5', '−2,25', '+3,0', '-', 'NA', '', null])).toEqual([-1.5, -2.25, 3, NaN, NaN, NaN, NaN]);
    expect(inferSpec('x', ['-', 'NA', ''])).toEqual({ dtype: 'categorical' });
    expect(detectNumberFormat([])).toBeNull();
  });
  it('refuses mixed formats and non-numbers instead of guessing per cell', () => {
    // "1,234,5" is no number in any format; a column with it is not numeric
    expect(inferSpec('x', ['1,234,5', '2']).dtype).toBe('categorical');
    expect(inferSpec('x', ['12 apples', '3']).dtype).toBe('categorical');
    expect(inferSpec('x', ['1.234,5', '1,234.5']).dtype).toBe('categorical');
    expect(inferSpec('x', ['0,123,456', '1']).dtype).toBe('categorical');
    expect(inferSpec('x', ['$1', '2€']).dtype).toBe('numeric');
    expect(inferSpec('x', ['€$1']).dtype).toBe('categorical');
  });
  it('parses one cell in a named format', () => {
    expect(parseNumberAs('1.234', 'comma-dot')).toBe(1234);
    expect(parseNumberAs('1.234', 'plain')).toBe(1.234);
    expect(parseNumberAs('1,5', 'plain')).toBeNaN();
    expect(parseNumberAs('12,3456', 'dot-comma')).toBeNaN();
  });
});

describe('date formats', () => {
  it('reads dd.mm.yyyy dates in UTC', () => {
    expect(inferSpec('d', ['31.12.2023', '01.02.2024', ''])).toEqual({ dtype: 'datetime', dateFormat: 'dd.mm.yyyy' });
    expect(values('d', ['31.12.2023', '1.2.2024'])).toEqual([Date.UTC(2023, 11, 31), Date.UTC(2024, 1, 1)]);
    expect(values('d', ['31.12.2023 14:05'])).toEqual([Date.UTC(2023, 11, 31, 14, 5)]);
  });
  it('tells dd/mm from mm/dd by evidence, and flags the undecidable', () => {
    expect(detectDateFormat(['13/04/2024', '03/04/2024'])).toEqual({ format: 'dd/mm/yyyy', ambiguous: false });
    expect(detectDateFormat(['04/13/2024', '03/04/2024'])).toEqual({ format: 'mm/dd/yyyy', ambiguous: false });
    expect(detectDateFormat(['03/04/2024', '05/06/2024'])).toEqual({ format: 'dd/mm/yyyy', ambiguous: true });
    expect(values('d', ['04/13/2024', '03/04/2024'])).toEqual([Date.UTC(2024, 3, 13), Date.UTC(2024, 2, 4)]);
  });
  it('reads ISO dates and datetimes', () => {
    expect(inferSpec('d', ['2024-01-02', '2024-02-29T10:00:00Z'])).toEqual({ dtype: 'datetime', dateFormat: 'iso' });
    expect(parseDateAs('2024-02-29T10:00:00+02:00', 'iso')).toBe(Date.UTC(2024, 1, 29, 8));
    expect(parseDateAs('2024-02-29 10:00', 'iso')).toBe(Date.UTC(2024, 1, 29, 10));
  });
  it('refuses days that do not exist and mixed formats', () => {
    expect(parseDateAs('31.02.2024', 'dd.mm.yyyy')).toBeNaN();
    expect(parseDateAs('2023-02-29', 'iso')).toBeNaN();
    expect(inferSpec('d', ['31.12.2023', '2024-01-02']).dtype).toBe('categorical');
  });
  it('keeps dates apart from dotted numbers', () => {
    expect(inferSpec('x', ['1.234.567', '12.05.2024']).dtype).toBe('categorical');
    expect(inferSpec('x', ['12.05.2024', '1.1.2020']).dtype).toBe('datetime');
  });
});
