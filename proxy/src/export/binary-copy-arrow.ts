import { makeData, RecordBatch, Schema, Struct, type DataType } from 'apache-arrow';
import type { CatalogColumn } from '../catalog';
import { scalarBuilder, type ColumnBuilder } from './arrow-builders';
import { ListBuilder } from './arrow-list-builder';
import { arrowField, ChunkedStreamWriter } from './encode-arrow';
import type { ScalarKind } from './pg-types';

/** Kinds read straight from binary COPY (also as array elements); every other one is selected as text. */
const NATIVE: ReadonlySet<string> = new Set<ScalarKind>(['int16', 'int32', 'int64', 'uint32', 'float32', 'float64', 'bool', 'date', 'timestamp', 'timestamptz']);

/**
 * Whether a column is selected as its text output for binary COPY (that text is what Arrow
 * carries) rather than decoded from its binary form. Arrays of such types arrive as array
 * literals, parsed into nested lists of element texts.
 */
export const readsAsText = (c: CatalogColumn): boolean => !NATIVE.has(c.type.kind === 'list' ? c.type.element! : c.type.kind);

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const EMPTY = Buffer.alloc(0);
/** a record batch ends when its COPY bytes pass this (or at `batchRows` rows) */
export const DEFAULT_BATCH_BYTES = 8 << 20;

function builderFor(c: CatalogColumn, type: DataType, cap: number, int8: 'int64' | 'string'): ColumnBuilder {
  const what = `column "${c.name}" (${c.type.pgType})`;
  if (c.type.kind !== 'list') return scalarBuilder(c.type.kind, type, cap, int8, what);
  let leafType = type;
  for (let k = 0; k < (c.type.dims ?? 1); k++) leafType = leafType.children[0].type as DataType;
  const leaf = scalarBuilder(c.type.element!, leafType, cap, int8, what);
  // box is the one built-in type whose array elements are separated by ';'
  return new ListBuilder(type, c.type.dims ?? 1, leaf, what, readsAsText(c) ? (/^box\b/.test(c.type.pgType) ? ';' : ',') : null);
}

/**
 * Binary COPY → Apache Arrow IPC stream. Tuples are decoded straight from the COPY bytes into
 * Arrow buffers (no per-value strings for numbers, dates and timestamps; text bytes are copied
 * as they are). A record batch ends at `batchRows` rows or once it holds `batchBytes`, so memory
 * is bounded per byte whatever the row width. A tuple split across chunks is kept as a list of
 * chunks whose field lengths are scanned as they arrive, and copied together once, when whole:
 * linear in the value's size however many chunks it spans.
 */
export class BinaryCopyToArrow {
  private readonly schema: Schema;
  private readonly writer = new ChunkedStreamWriter();
  private headerDone = false;
  private finished = false;
  private builders: ColumnBuilder[] = [];
  private rows = 0;
  private batchBytes = 0;
  private wroteBatch = false;
  /** bytes of a tuple (or header) not yet complete, as they came */
  private parts: Buffer[] = [];
  private partsLen = 0;
  /** scan state of the pending tuple: fields read so far, and the offset of the next length word */
  private scanFields = -1;
  private scanFieldsSeen = 0;
  private scanPos = 0;

  constructor(
    private readonly columns: CatalogColumn[],
    private readonly int8: 'int64' | 'string',
    private readonly batchRows = 32_768,
    private readonly batchBytesBudget = DEFAULT_BATCH_BYTES,
  ) {
    this.schema = new Schema(columns.map((c) => arrowField(c, int8)), new Map([['kiln.source', 'kiln-proxy']]));
    this.builders = this.columns.map((c, i) => builderFor(c, this.schema.fields[i].type as DataType, 1024, this.int8));
  }

  private flushBatch(): void {
    const children = this.builders.map((b) => b.finish());
    this.writer.write(new RecordBatch(this.schema, makeData({ type: new Struct(this.schema.fields), length: this.rows, nullCount: 0, children })));
    this.wroteBatch = true;
    this.rows = 0;
    this.batchBytes = 0;
  }

  private addTuple(buf: Buffer, start: number, end: number, owned: boolean): void {
    if (this.rows > 0 && this.batchBytes + (end - start) > this.batchBytesBudget) this.flushBatch();
    const ncols = this.columns.length;
    const fields = buf.readInt16BE(start);
    if (fields !== ncols) throw new Error(`binary COPY tuple has ${fields} fields, expected ${ncols}`);
    let at = start + 2;
    for (let i = 0; i < ncols; i++) {
      const len = buf.readInt32BE(at);
      at += 4;
      this.builders[i].add(buf, at, len, owned);
      if (len > 0) at += len;
    }
    this.rows++;
    this.batchBytes += end - start;
    if (this.rows >= this.batchRows || this.batchBytes >= this.batchBytesBudget) this.flushBatch();
  }

  /** byte `off` of the pending parts, read as a big-endian signed integer of `size` bytes */
  private partsInt(off: number, size: 2 | 4): number {
    let v = 0;
    let i = 0;
    let base = 0;
    for (let k = 0; k < size; k++) {
      while (off + k >= base + this.parts[i].length) base += this.parts[i++].length;
      v = v * 256 + this.parts[i][off + k - base];
    }
    return size === 2 ? (v << 16) >> 16 : v | 0;
  }

  /** Continues scanning the pending tuple; true when all of it is in `parts`. */
  private pendingComplete(): boolean {
    if (this.scanFields < 0) {
      if (this.partsLen < 2) return false;
      this.scanFields = this.partsInt(0, 2);
      this.scanPos = 2;
      if (this.scanFields === -1) return true;
    }
    while (this.scanFieldsSeen < this.scanFields) {
      if (this.partsLen < this.scanPos + 4) return false;
      const len = this.partsInt(this.scanPos, 4);
      this.scanPos += 4 + (len > 0 ? len : 0);
      this.scanFieldsSeen++;
    }
    return this.partsLen >= this.scanPos;
  }

  /** Decodes the pending tuple once complete; returns the bytes after it, or null if still incomplete. */
  private takePending(chunk: Buffer): Buffer | null {
    this.parts.push(chunk);
    this.partsLen += chunk.length;
    if (!this.pendingComplete()) return null;
    const all = Buffer.concat(this.parts, this.partsLen);
    const end = this.scanFields === -1 ? 2 : this.scanPos;
    if (this.scanFields === -1) this.finished = true;
    else this.addTuple(all, 0, end, true);
    this.parts = [];
    this.partsLen = 0;
    this.scanFields = -1;
    this.scanFieldsSeen = 0;
    // the tail is at most the last chunk's rest: copied, so the (maybe large) tuple buffer can go
    return Buffer.from(all.subarray(end));
  }

  /** Feeds COPY bytes; returns the Arrow bytes completed so far. */
  push(chunk: Buffer): Buffer {
    if (this.finished) return EMPTY;
    let buf = chunk;
    if (!this.headerDone) {
      this.parts.push(chunk);
      this.partsLen += chunk.length;
      const head = this.parts.length > 1 ? Buffer.concat(this.parts) : chunk;
      if (head.length < 19 || head.length < 19 + head.readInt32BE(15)) {
        this.parts = [head];
        return EMPTY;
      }
      if (!head.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      this.headerDone = true;
      this.parts = [];
      this.partsLen = 0;
      buf = head.subarray(19 + head.readInt32BE(15));
    } else if (this.parts.length) {
      const rest = this.takePending(chunk);
      if (rest === null) return this.writer.take();
      buf = rest;
    }
    let p = 0;
    while (!this.finished && p + 2 <= buf.length) {
      const fields = buf.readInt16BE(p);
      if (fields === -1) {
        this.finished = true;
        break;
      }
      // find the tuple's end before decoding anything, so a tuple split across chunks waits whole
      let q = p + 2;
      for (let i = 0; i < fields && q <= buf.length; i++) {
        q += 4;
        if (q > buf.length) break;
        const len = buf.readInt32BE(q - 4);
        q += len > 0 ? len : 0;
      }
      if (q > buf.length) break;
      this.addTuple(buf, p, q, false);
      p = q;
    }
    if (!this.finished && p < buf.length) {
      // the start of a tuple: kept as it is (no copy), scanned as more arrives
      this.parts = [buf.subarray(p)];
      this.partsLen = buf.length - p;
      this.scanFields = -1;
      this.scanFieldsSeen = 0;
      if (this.pendingComplete()) throw new Error('binary COPY framing: a complete tuple was left pending');
    }
    return this.writer.take();
  }

  end(): Buffer {
    if (this.partsLen > 0) throw new Error(`binary COPY ended inside a tuple (${this.partsLen} bytes pending)`);
    if (this.rows > 0 || !this.wroteBatch) this.flushBatch();
    this.writer.finish();
    return this.writer.take();
  }
}
