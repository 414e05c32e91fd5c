import { Bool, makeData, Utf8, type Data, type DataType } from 'apache-arrow';
import type { ScalarKind } from './pg-types';

/**
 * Growable Arrow column builders fed straight from binary COPY bytes. A batch ends on a byte
 * budget as well as a row count, so nothing is preallocated for the largest batch: buffers start
 * at the last batch's size and double.
 */
export interface ColumnBuilder {
  /** appends one value from buf[at, at+len); len −1 is NULL. `owned`: buf is the decoder's own copy, safe to keep. */
  add(buf: Buffer, at: number, len: number, owned: boolean): void;
  length: number;
  /** the column's Data for the values added since the last finish; the builder starts over */
  finish(): Data;
}

const PG_EPOCH_DAYS = 10_957; // 2000-01-01 in days since 1970-01-01
const PG_EPOCH_MICROS = 946_684_800_000_000n;
const INT32_MAX = 0x7fffffff;
const INT32_MIN = -0x80000000;
/** a single value at least this big becomes its own buffer instead of being copied into the batch's */
const BIG_VALUE = 1 << 20;
export const EMPTY = Buffer.alloc(0);

export class Validity {
  bits: Uint8Array;
  nulls = 0;
  constructor(cap: number) {
    this.bits = new Uint8Array((cap + 7) >> 3);
  }
  set(row: number, valid: boolean): void {
    if (row >> 3 >= this.bits.length) {
      const next = new Uint8Array(Math.max(this.bits.length * 2, (row >> 3) + 1));
      next.set(this.bits);
      this.bits = next;
    }
    if (valid) this.bits[row >> 3] |= 1 << (row & 7);
    else this.nulls++;
  }
}

type Fixed = Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type FixedCtor = { new (n: number): Fixed };

/** Fixed-width values; `write` decodes one value from buf[at, at+len) into values[row]. */
class FixedBuilder implements ColumnBuilder {
  length = 0;
  private v: Validity;
  private values: Fixed;
  constructor(
    private readonly type: DataType,
    private readonly Ctor: FixedCtor,
    private readonly write: (values: Fixed, row: number, buf: Buffer, at: number, len: number) => void,
    private cap: number,
  ) {
    this.v = new Validity(cap);
    this.values = new Ctor(cap);
  }
  add(buf: Buffer, at: number, len: number): void {
    const row = this.length++;
    if (row >= this.values.length) {
      const next = new this.Ctor(this.values.length * 2 || 16);
      next.set(this.values);
      this.values = next;
    }
    this.v.set(row, len >= 0);
    if (len >= 0) this.write(this.values, row, buf, at, len);
  }
  finish(): Data {
    const d = makeData({ type: this.type, length: this.length, nullCount: this.v.nulls, nullBitmap: this.v.bits, data: this.values.subarray(0, this.length) } as never) as Data;
    this.cap = Math.max(16, this.length);
    this.length = 0;
    this.v = new Validity(this.cap);
    this.values = new this.Ctor(this.cap);
    return d;
  }
}

/**
 * int8 / timestamps: the 8 big-endian bytes go into the little-endian int64 slots as two 32-bit
 * halves (plus an epoch shift with carry for timestamps): no BigInt per value. ±infinity keep
 * Postgres' own sentinels (INT64 max/min) instead of being shifted past them.
 */
class Int64Builder implements ColumnBuilder {
  length = 0;
  private v: Validity;
  private values: BigInt64Array;
  private halves: Uint32Array;
  private readonly shiftLo: number;
  private readonly shiftHi: number;
  constructor(
    private readonly type: DataType,
    private readonly shift: bigint,
    private readonly what: string,
    private cap: number,
  ) {
    this.shiftLo = Number(shift & 0xffffffffn);
    this.shiftHi = Number(shift >> 32n);
    this.v = new Validity(cap);
    this.values = new BigInt64Array(cap);
    this.halves = new Uint32Array(this.values.buffer);
  }
  add(buf: Buffer, at: number, len: number): void {
    const row = this.length++;
    if (row >= this.values.length) {
      const next = new BigInt64Array(this.values.length * 2 || 16);
      next.set(this.values);
      this.values = next;
      this.halves = new Uint32Array(next.buffer);
    }
    this.v.set(row, len >= 0);
    if (len < 0) return;
    const hi = buf.readUInt32BE(at);
    const lo = buf.readUInt32BE(at + 4);
    if (this.shift === 0n || (hi === 0x7fffffff && lo === 0xffffffff) || (hi === 0x80000000 && lo === 0)) {
      this.halves[2 * row] = lo;
      this.halves[2 * row + 1] = hi;
      return;
    }
    const slo = lo + this.shiftLo;
    const shi = (hi + this.shiftHi + (slo > 0xffffffff ? 1 : 0)) >>> 0;
    if (hi < 0x80000000 && shi >= 0x80000000) throw new RangeError(`${this.what}: ${buf.readBigInt64BE(at)} µs after 2000-01-01 is past the largest Arrow µs timestamp`);
    this.halves[2 * row] = slo >>> 0;
    this.halves[2 * row + 1] = shi;
  }
  finish(): Data {
    const d = makeData({ type: this.type, length: this.length, nullCount: this.v.nulls, nullBitmap: this.v.bits, data: this.values.subarray(0, this.length) } as never) as Data;
    this.cap = Math.max(16, this.length);
    this.length = 0;
    this.v = new Validity(this.cap);
    this.values = new BigInt64Array(this.cap);
    this.halves = new Uint32Array(this.values.buffer);
    return d;
  }
}

class Utf8Builder implements ColumnBuilder {
  length = 0;
  private v: Validity;
  private offsets: Int32Array;
  private data: Buffer;
  private used = 0;
  /** data is a view of a big value's own buffer: copy before appending to it */
  private borrowed = false;
  constructor(
    private cap: number,
    private readonly convert?: (buf: Buffer, at: number, len: number) => Buffer,
  ) {
    this.v = new Validity(cap);
    this.offsets = new Int32Array(cap + 1);
    this.data = Buffer.allocUnsafe(cap * 16);
  }
  private reserve(n: number): void {
    if (!this.borrowed && this.used + n <= this.data.byteLength) return;
    if (this.used + n > 0x7fffffff) throw new RangeError('more than 2 GiB of text in one Arrow batch');
    const next = Buffer.allocUnsafe(Math.max(this.borrowed ? 0 : this.data.byteLength * 2, this.used + n));
    this.data.copy(next, 0, 0, this.used);
    this.data = next;
    this.borrowed = false;
  }
  add(buf: Buffer, at: number, len: number, owned: boolean): void {
    const row = this.length++;
    if (row + 1 >= this.offsets.length) {
      const next = new Int32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    this.v.set(row, len >= 0);
    if (len >= 0) {
      if (this.convert) {
        const src = this.convert(buf, at, len);
        this.reserve(src.byteLength);
        this.used += src.copy(this.data, this.used);
      } else if (owned && this.used === 0 && len >= BIG_VALUE) {
        // one big value (a 50 MiB document): the batch points at the decoder's copy, no second copy
        this.data = buf.subarray(at, at + len);
        this.used = len;
        this.borrowed = true;
      } else {
        // COPY's text is already UTF-8, Arrow's Utf8 too. Short values by hand: Buffer#copy's
        // call overhead outweighs a few byte moves.
        this.reserve(len);
        const data = this.data;
        if (len < 64) {
          for (let k = 0, u = this.used; k < len; k++) data[u + k] = buf[at + k];
          this.used += len;
        } else this.used += buf.copy(data, this.used, at, at + len);
      }
    }
    this.offsets[row + 1] = this.used;
  }
  finish(): Data {
    const d = makeData({ type: new Utf8(), length: this.length, nullCount: this.v.nulls, nullBitmap: this.v.bits, valueOffsets: this.offsets.subarray(0, this.length + 1), data: new Uint8Array(this.data.buffer, this.data.byteOffset, this.used) });
    this.cap = Math.max(16, this.length);
    this.length = 0;
    this.used = 0;
    this.v = new Validity(this.cap);
    this.offsets = new Int32Array(this.cap + 1);
    this.data = Buffer.allocUnsafe(Math.min(Math.max(this.cap * 16, 1024), 1 << 22));
    this.borrowed = false;
    return d;
  }
}

class BoolBuilder implements ColumnBuilder {
  length = 0;
  private v: Validity;
  private bits: Validity;
  constructor(private cap: number) {
    this.v = new Validity(cap);
    this.bits = new Validity(cap);
  }
  add(buf: Buffer, at: number, len: number): void {
    const row = this.length++;
    this.v.set(row, len >= 0);
    this.bits.set(row, len >= 0 && buf[at] !== 0);
  }
  finish(): Data {
    const d = makeData({ type: new Bool(), length: this.length, nullCount: this.v.nulls, nullBitmap: this.v.bits, data: this.bits.bits });
    this.cap = Math.max(16, this.length);
    this.length = 0;
    this.v = new Validity(this.cap);
    this.bits = new Validity(this.cap);
    return d;
  }
}

export function scalarBuilder(kind: ScalarKind, type: DataType, cap: number, int8: 'int64' | 'string', what: string): ColumnBuilder {
  switch (kind) {
    case 'int16':
      return new FixedBuilder(type, Int16Array, (v, r, b, at) => (v[r] = b.readInt16BE(at)), cap);
    case 'int32':
      return new FixedBuilder(type, Int32Array, (v, r, b, at) => (v[r] = b.readInt32BE(at)), cap);
    case 'uint32':
      return new FixedBuilder(type, Uint32Array, (v, r, b, at) => (v[r] = b.readUInt32BE(at)), cap);
    case 'int64':
      return int8 === 'string' ? new Utf8Builder(cap, (b, at) => Buffer.from(b.readBigInt64BE(at).toString())) : new Int64Builder(type, 0n, what, cap);
    case 'float32':
      return new FixedBuilder(type, Float32Array, (v, r, b, at) => (v[r] = b.readFloatBE(at)), cap);
    case 'float64':
      return new FixedBuilder(type, Float64Array, (v, r, b, at) => (v[r] = b.readDoubleBE(at)), cap);
    case 'date':
      // ±infinity are INT32 max/min in Postgres' binary form; they keep those values (see README)
      return new FixedBuilder(type, Int32Array, (v, r, b, at) => {
        const d = b.readInt32BE(at);
        v[r] = d === INT32_MAX || d === INT32_MIN ? d : d + PG_EPOCH_DAYS;
      }, cap);
    case 'timestamp':
    case 'timestamptz':
      return new Int64Builder(type, PG_EPOCH_MICROS, what, cap);
    case 'bool':
      return new BoolBuilder(cap);
    default:
      // text output bytes: text, numeric (exact decimal text), json (text), uuid …
      return new Utf8Builder(cap);
  }
}
