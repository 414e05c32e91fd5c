import { RecordBatchReader, TimeUnit, Type, type DataType, type RecordBatch, type Timestamp, type Vector } from 'apache-arrow';
import { DataError } from './data-error';
import type { RawCell } from './infer-types';
import type { RawTable } from './parse-delimited';

/**
 * Arrow IPC (stream or file) → raw cells, batch by batch, so an import from the proxy is
 * decoded while it downloads. Typed Arrow values keep their meaning: booleans stay booleans,
 * dates and timestamps become Dates, int64 become numbers unless one is beyond 2^53 (then the
 * column becomes exact decimal strings, as an id column must), lists and structs JSON text.
 */
const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;
const INT32_MAX = 0x7fffffff;
const INT32_MIN = -0x80000000;
/** the largest |ms| a JS Date holds */
const DATE_LIMIT_MS = 8.64e15;
const PER_MS: Record<number, bigint> = { [TimeUnit.SECOND]: 0n, [TimeUnit.MILLISECOND]: 1n, [TimeUnit.MICROSECOND]: 1000n, [TimeUnit.NANOSECOND]: 1_000_000n };

/**
 * Timestamps from their raw int64 (arrow-js's own getter throws past 2^53 ms units). The proxy
 * sends Postgres' ±infinity as INT64 max/min; those, and instants no JS Date can hold, are missing.
 */
function timestampCell(type: DataType, vec: Vector, i: number): RawCell {
  if (!vec.isValid(i)) return null;
  const d = vec.data[0];
  const raw = (d.values as BigInt64Array)[d.offset + i];
  if (raw === INT64_MAX || raw === INT64_MIN) return null;
  const per = PER_MS[(type as Timestamp).unit];
  const ms = per === 0n ? Number(raw) * 1000 : Number(raw / per);
  return Math.abs(ms) > DATE_LIMIT_MS ? null : new Date(ms);
}

function cellOf(type: DataType, v: unknown, pgType: string | undefined): RawCell {
  if (v === null || v === undefined) return null;
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
      return typeof v === 'bigint' ? v : (v as number);
    case Type.Bool:
      return v as boolean;
    case Type.Date: {
      // ±infinity dates arrive as INT32 max/min days (the proxy's README): missing, like any out-of-range instant
      const ms = v as number;
      if (ms === INT32_MAX * 86_400_000 || ms === INT32_MIN * 86_400_000 || Math.abs(ms) > DATE_LIMIT_MS) return null;
      return new Date(ms);
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      // Postgres numeric arrives as an exact decimal string: as a number it is a feature
      return pgType?.startsWith('numeric') ? Number(v) : (v as string);
    case Type.List:
    case Type.Struct:
    case Type.FixedSizeList:
      return JSON.stringify((v as { toJSON(): unknown }).toJSON(), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
    default:
      return String(v);
  }
}

export class ArrowAccumulator {
  header: string[] = [];
  columns: RawCell[][] = [];
  rows = 0;
  private unsafeInt64 = new Set<number>();

  add(batch: RecordBatch): void {
    if (this.header.length === 0) {
      this.header = batch.schema.fields.map((f) => f.name);
      this.columns = this.header.map(() => []);
    }
    batch.schema.fields.forEach((f, c) => {
      const vec = batch.getChildAt(c) as Vector;
      const pgType = f.metadata.get('kiln.pg_type');
      const out = this.columns[c];
      const isTimestamp = (f.type as DataType).typeId === Type.Timestamp;
      for (let i = 0; i < batch.numRows; i++) {
        const cell = isTimestamp ? timestampCell(f.type as DataType, vec, i) : cellOf(f.type as DataType, vec.get(i), pgType);
        if (typeof cell === 'bigint' && (cell > BigInt(Number.MAX_SAFE_INTEGER) || cell < -BigInt(Number.MAX_SAFE_INTEGER))) this.unsafeInt64.add(c);
        out.push(cell);
      }
    });
    this.rows += batch.numRows;
  }

  finish(file: string): RawTable {
    if (this.header.length === 0) throw new DataError(file, 'the Arrow stream has no schema');
    const columns = this.columns.map((col, c) =>
      col.map((v) => (typeof v === 'bigint' ? (this.unsafeInt64.has(c) ? v.toString() : Number(v)) : (v ?? null))),
    );
    // exact decimal strings of 64-bit ids must not be re-read as (rounded) numbers
    const dtypes = this.header.map((_, c) => (this.unsafeInt64.has(c) ? ('id' as const) : undefined));
    return { header: this.header, columns, rowCount: this.rows, dtypes };
  }
}

type ArrowSource = Uint8Array | AsyncIterable<Uint8Array>;

/** Reads a whole Arrow IPC source; `onBatch` sees the running row count. */
export async function parseArrow(file: string, source: ArrowSource, onBatch?: (rows: number) => void): Promise<RawTable> {
  const acc = new ArrowAccumulator();
  try {
    // two call shapes because RecordBatchReader.from's overloads take bytes and async streams apart
    const reader = source instanceof Uint8Array ? RecordBatchReader.from(source) : await RecordBatchReader.from(source);
    for await (const batch of reader) {
      acc.add(batch);
      onBatch?.(acc.rows);
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(file, `not a readable Arrow IPC stream or file (${e instanceof Error ? e.message : String(e)})`);
  }
  return acc.finish(file);
}
