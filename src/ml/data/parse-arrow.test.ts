import { DateDay, Field, makeData, RecordBatch, Schema, Struct, tableToIPC, Table, TimestampMicrosecond, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseArrow } from './parse-arrow';

/** One record batch of a Date32 and a Timestamp(µs, UTC) column, as the proxy writes them. */
function proxyLikeStream(days: number[], micros: bigint[]): Uint8Array {
  const dateType = new DateDay();
  const tsType = new TimestampMicrosecond('UTC');
  const fields = [new Field('d', dateType, true), new Field('ts', tsType, true)];
  const children: Data[] = [
    makeData({ type: dateType, length: days.length, data: Int32Array.from(days) }),
    makeData({ type: tsType, length: micros.length, data: BigInt64Array.from(micros) }),
  ];
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: days.length, nullCount: 0, children }));
  return tableToIPC(new Table([batch]), 'stream');
}

describe('parseArrow with PostgreSQL ±infinity and far-off instants', () => {
  it('reads the proxy infinity sentinels as missing instead of failing the import', async () => {
    const bytes = proxyLikeStream(
      [2147483647, -2147483648, 18_262, -719_162],
      [9223372036854775807n, -9223372036854775808n, 1_577_836_800_123_456n, 9_000_000_000_000_000_000n],
    );
    const t = await parseArrow('proxy.arrow', bytes);
    // 0001-01-01 is day −719,162
    expect(t.columns[0]).toEqual([null, null, new Date('2020-01-01T00:00:00Z'), new Date(-62_135_596_800_000)]);
    // 2020-01-01T00:00:00.123456Z to the millisecond; 9e18 µs (year ~287,000) no JS Date holds
    expect(t.columns[1]).toEqual([null, null, new Date(1_577_836_800_123), null]);
  });
});
