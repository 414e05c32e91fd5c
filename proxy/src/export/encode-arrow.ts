import {
  Bool,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  List,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMicrosecond,
  Utf8,
  vectorFromArray,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { CatalogColumn } from '../catalog';
import type { Encoder, EncoderFactory, TextRow } from './encoder';
import { dateDays, parseList, timestampMicros, type ScalarKind } from './pg-types';

/**
 * Collects the IPC bytes the writer produces instead of queueing them internally, so each
 * record batch is handed to the HTTP stream as soon as it is encoded and memory stays bounded.
 */
class ChunkedStreamWriter extends RecordBatchStreamWriter {
  private chunks: Uint8Array[] = [];
  protected override _write(chunk: ArrayLike<number> | ArrayBufferView | ArrayBuffer): this {
    if (this._started) {
      const b = chunk instanceof Uint8Array ? chunk : ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk as ArrayBuffer);
      if (b.byteLength > 0) {
        this.chunks.push(b);
        this._position += b.byteLength;
      }
    }
    return this;
  }
  take(): Buffer {
    const out = Buffer.concat(this.chunks);
    this.chunks = [];
    return out;
  }
}

function scalarType(kind: ScalarKind, int8: 'int64' | 'string'): DataType {
  switch (kind) {
    case 'int16':
      return new Int16();
    case 'int32':
      return new Int32();
    case 'int64':
      return int8 === 'string' ? new Utf8() : new Int64();
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMicrosecond();
    case 'timestamptz':
      return new TimestampMicrosecond('UTC');
    default:
      // numeric as a decimal string keeps every digit; json as its text
      return new Utf8();
  }
}

export function arrowField(c: CatalogColumn, int8: 'int64' | 'string'): Field {
  const meta = new Map([['kiln.pg_type', c.type.pgType]]);
  if (c.type.kind === 'list') return new Field(c.name, new List(new Field('item', scalarType(c.type.element!, int8), true)), true, meta);
  return new Field(c.name, scalarType(c.type.kind, int8), true, meta);
}

function validity(rows: TextRow[], col: number): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((rows.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i][col] === null) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

const encoder = new TextEncoder();

function utf8Data(type: Utf8, rows: TextRow[], col: number): Data {
  const { bitmap, nulls } = validity(rows, col);
  const offsets = new Int32Array(rows.length + 1);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][col];
    if (v !== null) {
      const b = encoder.encode(v);
      parts.push(b);
      total += b.byteLength;
    }
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  return makeData({ type, length: rows.length, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data });
}

function columnData(field: Field, c: CatalogColumn, rows: TextRow[], col: number): Data {
  const n = rows.length;
  const type = field.type as DataType;
  if (c.type.kind === 'list') {
    const values = rows.map((r) => (r[col] === null ? null : parseList(c.type.element!, r[col] as string)));
    return vectorFromArray(values, type).data[0];
  }
  if (type instanceof Utf8) return utf8Data(type, rows, col);
  const { bitmap, nulls } = validity(rows, col);
  const base = { length: n, nullCount: nulls, nullBitmap: bitmap };
  const each = <A extends { [i: number]: number | bigint }>(arr: A, f: (t: string) => number | bigint): A => {
    for (let i = 0; i < n; i++) {
      const v = rows[i][col];
      if (v !== null) arr[i] = f(v);
    }
    return arr;
  };
  switch (c.type.kind) {
    case 'int16':
      return makeData({ ...base, type: type as Int16, data: each(new Int16Array(n), Number) });
    case 'int32':
      return makeData({ ...base, type: type as Int32, data: each(new Int32Array(n), Number) });
    case 'int64':
      return makeData({ ...base, type: type as Int64, data: each(new BigInt64Array(n), BigInt) });
    case 'float32':
      return makeData({ ...base, type: type as Float32, data: each(new Float32Array(n), Number) });
    case 'float64':
      return makeData({ ...base, type: type as Float64, data: each(new Float64Array(n), Number) });
    case 'date':
      return makeData({ ...base, type: type as DateDay, data: each(new Int32Array(n), dateDays) });
    case 'timestamp':
    case 'timestamptz':
      return makeData({ ...base, type: type as TimestampMicrosecond, data: each(new BigInt64Array(n), timestampMicros) });
    case 'bool': {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (rows[i][col] === 't') bits[i >> 3] |= 1 << (i & 7);
      return makeData({ ...base, type: type as Bool, data: bits });
    }
    default:
      throw new Error(`no Arrow encoding for ${c.type.pgType}`);
  }
}

/** Apache Arrow IPC stream: one schema message, then one record batch per fetched chunk of rows. */
export const arrowEncoder: EncoderFactory = (columns, { int8 }): Encoder => {
  const schema = new Schema(columns.map((c) => arrowField(c, int8)), new Map([['kiln.source', 'kiln-proxy']]));
  const writer = new ChunkedStreamWriter();
  let started = false;
  const write = (rows: TextRow[]) => {
    const children = schema.fields.map((f, i) => columnData(f, columns[i], rows, i));
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
    writer.write(batch);
    started = true;
  };
  return {
    contentType: 'application/vnd.apache.arrow.stream',
    start: () => Buffer.alloc(0),
    batch: (rows) => {
      write(rows);
      return writer.take();
    },
    end: () => {
      // an empty result still carries its schema
      if (!started) write([]);
      writer.finish();
      return writer.take();
    },
  };
};
