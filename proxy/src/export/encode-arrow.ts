import { Bool, DateDay, Field, Float32, Float64, Int16, Int32, Int64, List, RecordBatchStreamWriter, TimestampMicrosecond, Uint32, Utf8, type DataType } from 'apache-arrow';
import type { CatalogColumn } from '../catalog';
import type { ScalarKind } from './pg-types';

/**
 * Collects the IPC bytes the writer produces instead of queueing them internally, so each
 * record batch is handed to the HTTP stream as soon as it is encoded and memory stays bounded.
 */
export class ChunkedStreamWriter extends RecordBatchStreamWriter {
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
    case 'uint32':
      return new Uint32();
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
  if (c.type.kind === 'list') {
    // a d-dimensional Postgres array is a list nested d deep
    let type: DataType = scalarType(c.type.element!, int8);
    for (let k = 0; k < (c.type.dims ?? 1); k++) type = new List(new Field('item', type, true));
    return new Field(c.name, type, true, meta);
  }
  return new Field(c.name, scalarType(c.type.kind, int8), true, meta);
}
