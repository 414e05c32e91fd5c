import { describe, expect, it } from 'vitest';
import { CopyTextDecoder, PART_BYTES, type CopyTextSink } from '../src/export/copy-text';

type Row = (string | null)[];

/** Decodes `input` fed in the given chunks; rows as strings, and the parts each long field came in. */
function decode(columns: number, chunks: Buffer[], takesParts = false): { rows: Row[]; parts: number } {
  const rows: Row[] = [];
  let row: Row = [];
  let pending: Buffer[] = [];
  let parts = 0;
  const sink: CopyTextSink = {
    field: (col, bytes, start, end) => {
      expect(col).toBe(row.length);
      row.push(bytes === null ? null : Buffer.concat([...pending, bytes.subarray(start, end)]).toString());
      pending = [];
    },
    rowEnd: () => {
      rows.push(row);
      row = [];
    },
    takesParts: () => takesParts,
    part: (_col, bytes) => {
      parts++;
      // the decoder may overwrite a chunk it was handed, never bytes it has handed over
      pending.push(Buffer.from(bytes));
    },
  };
  const d = new CopyTextDecoder(columns, sink);
  for (const c of chunks) d.push(Buffer.from(c)); // a copy each: the decoder unescapes in place
  d.end();
  return { rows, parts };
}

/** Every way of cutting `input` in two, and one byte at a time. */
function splits(input: Buffer): Buffer[][] {
  const out: Buffer[][] = [[input]];
  for (let i = 1; i < input.length; i++) out.push([input.subarray(0, i), input.subarray(i)]);
  out.push([...input].map((b) => Buffer.of(b)));
  return out;
}

const text = (s: string) => Buffer.from(s, 'utf8');

describe('text COPY decoder', () => {
  it('reads fields, rows, \\N as NULL and an empty field as the empty string', () => {
    expect(decode(3, [text('1\tab\t\\N\n\t\t\n')]).rows).toEqual([
      ['1', 'ab', null],
      ['', '', ''],
    ]);
  });

  it('undoes every backslash escape COPY writes or reads', () => {
    const input = text('a\\\\b\\tc\\nd\\re\\bf\\fg\\vh\\.\\q\t\\101\\7x\\0101\t\\x41\\x4g\\xg\\x7e7\n');
    expect(decode(3, [input]).rows).toEqual([['a\\b\tc\nd\re\bf\fg\vh.q', 'A\x07x\x081', 'A\x04gxg~7']]);
  });

  it('gives the same rows however the input is cut into chunks (escapes, rows and UTF-8 split anywhere)', () => {
    const input = text('é\\\\漢\t\\N\t😀\\t\\101\\x4a\\x4\n\t\\n\t\\7\n');
    const expected: Row[] = [
      ['é\\漢', null, '😀\tAJ\x04'],
      ['', '\n', '\x07'],
    ];
    for (const chunks of splits(input)) expect(decode(3, chunks).rows, chunks.map((c) => c.toString('hex')).join('|')).toEqual(expected);
  });

  it('reads rows of zero columns as empty lines', () => {
    expect(decode(0, [text('\n\n')]).rows).toEqual([[], []]);
  });

  it('hands a long field over in parts when its column takes them, and whole otherwise', () => {
    const long = 'x'.repeat(PART_BYTES) + 'é\\n' + 'y'.repeat(PART_BYTES);
    const input = text(`${long}\tend\n`);
    const chunks = [input.subarray(0, 70_000), input.subarray(70_000, PART_BYTES + 1), input.subarray(PART_BYTES + 1)];
    const expected = [['x'.repeat(PART_BYTES) + 'é\n' + 'y'.repeat(PART_BYTES), 'end']];
    const inParts = decode(2, chunks, true);
    expect(inParts.rows).toEqual(expected);
    expect(inParts.parts).toBeGreaterThan(0);
    expect(decode(2, chunks, false)).toEqual({ rows: expected, parts: 0 });
  });

  it('refuses a row with the wrong number of fields and a stream cut inside a row', () => {
    expect(() => decode(2, [text('a\n')])).toThrow(/1 fields, not the 2 expected/);
    expect(() => decode(1, [text('a\tb\n')])).toThrow(/more than the 1 fields/);
    expect(() => decode(2, [text('a\tb\nc')])).toThrow(/ended inside row 2/);
    expect(() => decode(1, [text('a\\')])).toThrow(/ended inside row 1/);
  });
});
