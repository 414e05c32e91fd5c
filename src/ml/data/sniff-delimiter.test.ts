import { describe, expect, it } from 'vitest';
import { parseFileTyped } from './parse-file';
import { sniffDelimiter } from './sniff-delimiter';

const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

describe('delimiter sniffing', () => {
  it('reads a semicolon file with decimal commas, as a German spreadsheet saves it', () => {
    const text = 'kunde;umsatz;stadt\n1;76,98;Berlin\n2;1.234,50;"Köln; Innenstadt"\n3;5;München\n';
    expect(sniffDelimiter(text)).toBe(';');
  });

  it('keeps a comma file a comma file, even with semicolons in its text', () => {
    expect(sniffDelimiter('a,b,note\n1,2,"x; y"\n3,4,z;w\n')).toBe(',');
    expect(sniffDelimiter('a,b\n1,2\n\n3,4')).toBe(',');
  });

  it('finds tabs and pipes, and falls back when nothing is consistent or there is one column', () => {
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(sniffDelimiter('only\n1\n2\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
    // a comma row short of a field: inconsistent everywhere, so the parser reports the row
    expect(sniffDelimiter('a,b,c\n1,2\n')).toBe(',');
  });

  it('a quoted newline does not end a record', () => {
    expect(sniffDelimiter('a;b\n"line\none, two";2\n3;4\n')).toBe(';');
  });

  it('a .csv with semicolons and decimal commas imports with numeric columns', async () => {
    const { frame, detected } = await parseFileTyped('umsatz.csv', bytes('kunde;umsatz;stadt\n1;76,98;Berlin\n2;1.234,50;Köln\n3;5,00;München\n'));
    expect(frame.columns.map((c) => c.name)).toEqual(['kunde', 'umsatz', 'stadt']);
    expect(detected.umsatz.dtype).toBe('numeric');
    const umsatz = frame.columns[1];
    expect(Array.from(umsatz.values as Float64Array)).toEqual([76.98, 1234.5, 5]);
  });
});
