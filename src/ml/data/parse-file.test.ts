import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { sampleBytes, textBytes } from '../../test-utils/fixtures';
import { DataError } from './data-error';
import { getColumn } from './frame';
import { parseFile } from './parse-file';

async function parseError(name: string, text: string): Promise<DataError> {
  try {
    await parseFile(name, textBytes(text));
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parseFile', () => {
  it('parses the breast cancer sample with typed columns', async () => {
    const frame = await parseFile('breast_cancer.csv', sampleBytes('breast_cancer.csv'));
    expect(frame.rowCount).toBe(569);
    expect(frame.columns).toHaveLength(31);
    expect(getColumn(frame, 'mean_radius').dtype).toBe('numeric');
    expect(getColumn(frame, 'diagnosis').dtype).toBe('categorical');
  });

  it('names the line and column of a row with too few fields', async () => {
    const err = await parseError('bad.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8\n');
    expect(err.line).toBe(4);
    expect(err.column).toBe(3);
    expect(err.message).toContain('bad.csv');
    expect(err.message).toContain('line 4');
    expect(err.message).toContain('column 3 ("c")');
  });

  it('names the line and column of a row with too many fields', async () => {
    const err = await parseError('extra.csv', 'a,b\n1,2\n3,4,5\n');
    expect(err.line).toBe(3);
    expect(err.column).toBe(3);
  });

  it('counts lines correctly after a quoted multi-line field', async () => {
    const err = await parseError('q.csv', 'a,b\n"x\ny",2\n3\n');
    expect(err.line).toBe(4);
  });

  it('reports an unclosed quote with its line', async () => {
    const err = await parseError('u.csv', 'a,b\n1,2\n3,"oops\n');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/quote/i);
  });

  it('rejects duplicate and empty header names', async () => {
    expect((await parseError('d.csv', 'a,a\n1,2\n')).column).toBe(2);
    expect((await parseError('e.csv', 'a,,c\n1,2,3\n')).column).toBe(2);
  });

  it('reads TSV', async () => {
    const f = await parseFile('t.tsv', textBytes('x\ty\n1\ta\n2\tb\n'));
    expect(f.rowCount).toBe(2);
    expect(getColumn(f, 'x').dtype).toBe('numeric');
    expect(getColumn(f, 'y').values).toEqual(['a', 'b']);
  });

  it('reads JSONL with a union of keys and names a bad line and column', async () => {
    const f = await parseFile('r.jsonl', textBytes('{"a":1,"b":"x"}\n{"a":2}\n\n{"a":3,"c":true}\n'));
    expect(f.rowCount).toBe(3);
    expect(f.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    const err = await parseError('r.jsonl', '{"a":1}\n{"a":2,}\n');
    expect(err.line).toBe(2);
    expect(err.column).toBeGreaterThan(1);
    expect((await parseError('r.jsonl', '{"a":1}\n[1,2]\n')).line).toBe(2);
  });

  it('reads Parquet written by hyparquet-writer', async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'x', data: [1.5, 2.5, null, 4.5], type: 'DOUBLE' },
        { name: 'label', data: ['a', 'b', 'a', 'b'], type: 'STRING' },
        { name: 'n', data: [1n, 2n, 3n, 4n], type: 'INT64' },
      ],
    });
    const f = await parseFile('p.parquet', buf);
    expect(f.rowCount).toBe(4);
    const x = getColumn(f, 'x');
    expect(x.dtype).toBe('numeric');
    expect(Number.isNaN((x.values as Float64Array)[2])).toBe(true);
    expect(getColumn(f, 'n').dtype).toBe('numeric');
    expect(getColumn(f, 'label').dtype).toBe('categorical');
  });

  it('rejects a corrupt Parquet file and an unknown extension with the file name', async () => {
    await expect(parseFile('bad.parquet', textBytes('not parquet'))).rejects.toThrow(/bad\.parquet/);
    await expect(parseFile('data.xlsx', textBytes(''))).rejects.toThrow(/unsupported file type/);
  });
});

describe('parseFile: Arrow IPC', () => {
  it('reads an Arrow stream with typed columns, exact int64 ids and Postgres numerics', async () => {
    const { tableToIPC, Table, vectorFromArray, Utf8, Field, Schema, makeData, Struct, RecordBatch, Int64, Bool, TimestampMillisecond } = await import('apache-arrow');
    const schema = new Schema([
      new Field('id', new Int64(), true),
      new Field('score', new Utf8(), true, new Map([['kiln.pg_type', 'numeric(10,2)']])),
      new Field('ok', new Bool(), true),
      new Field('at', new TimestampMillisecond('UTC'), true),
    ]);
    const children = [
      vectorFromArray([9007199254740993n, 2n, null], new Int64()).data[0],
      vectorFromArray(['1.50', null, '3.25'], new Utf8()).data[0],
      vectorFromArray([true, false, null], new Bool()).data[0],
      vectorFromArray([Date.UTC(2024, 0, 2), null, Date.UTC(2024, 5, 1)], new TimestampMillisecond('UTC')).data[0],
    ];
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 3, nullCount: 0, children }));
    const bytes = tableToIPC(new Table(batch), 'stream');
    const f = await parseFile('t.arrow', bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(f.rowCount).toBe(3);
    expect(getColumn(f, 'id').values).toEqual(['9007199254740993', '2', null]);
    expect(Array.from(getColumn(f, 'score').values as Float64Array)).toEqual([1.5, NaN, 3.25]);
    expect(getColumn(f, 'ok').dtype).toBe('boolean');
    expect(getColumn(f, 'at').dtype).toBe('datetime');
    expect((getColumn(f, 'at').values as Float64Array)[0]).toBe(Date.UTC(2024, 0, 2));
    await expect(parseFile('bad.arrow', textBytes('nope'))).rejects.toThrow(/bad\.arrow/);
  });
});
