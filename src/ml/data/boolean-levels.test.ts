import { describe, expect, it } from 'vitest';
import { booleanSpellings } from './boolean-levels';
import { inferColumn } from './infer-types';

const spell = (cells: (string | number | boolean | null)[]) => {
  const col = inferColumn('flag', cells);
  if (col.dtype !== 'boolean') throw new Error(`expected boolean, got ${col.dtype}`);
  return booleanSpellings(cells, col.values);
};

describe('booleanSpellings', () => {
  it('keeps the words the file used, 0 first', () => {
    expect(spell(['yes', 'no', 'no', 'yes'])).toEqual(['no', 'yes']);
    expect(spell(['Y', 'N', 'Y'])).toEqual(['N', 'Y']);
    expect(spell(['1', '0', '1'])).toEqual(['0', '1']);
    expect(spell([true, false])).toEqual(['false', 'true']);
    expect(spell(['TRUE', 'FALSE', ''])).toEqual(['FALSE', 'TRUE']);
  });

  it('takes the most frequent spelling when a file mixes them', () => {
    expect(spell(['yes', 'Yes', 'yes', 'no', 'No', 'no'])).toEqual(['no', 'yes']);
  });

  it('names the side a column never holds after its partner, in the same case', () => {
    expect(spell(['Yes', 'Yes'])).toEqual(['No', 'Yes']);
    expect(spell(['N', null])).toEqual(['N', 'Y']);
  });

  it('inferColumn stores the spellings on the column, and they name its values', async () => {
    const { cellText } = await import('./frame');
    const col = inferColumn('churned', ['yes', 'no', null]);
    expect(col.dtype).toBe('boolean');
    expect(cellText(col, 0)).toBe('yes');
    expect(cellText(col, 1)).toBe('no');
    expect(cellText(col, 2)).toBeNull();
  });
});
