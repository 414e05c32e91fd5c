import { List, makeData, type Data, type DataType } from 'apache-arrow';
import { parsePgArrayText, type PgArray } from './pg-text';
import { EMPTY, Validity, type ColumnBuilder } from './arrow-builders';

/**
 * A Postgres array → Arrow List nested `dims` deep, from its binary form or (`textDelim` set)
 * from its text output, for element types Arrow carries as text. Postgres arrays are
 * rectangular, so inner lists are never null; an empty array is an empty list at any depth.
 */
export class ListBuilder implements ColumnBuilder {
  length = 0;
  private v: Validity;
  /** offsets[k] are the offsets of nesting level k (0 = the column's own lists) */
  private offsets: number[][];
  private counts: number[];
  constructor(
    private readonly type: DataType,
    private readonly dims: number,
    private readonly leaf: ColumnBuilder,
    private readonly what: string,
    private readonly textDelim: string | null = null,
  ) {
    this.v = new Validity(16);
    this.offsets = Array.from({ length: dims }, () => [0]);
    this.counts = new Array<number>(dims).fill(0);
  }
  add(buf: Buffer, at: number, len: number, owned: boolean): void {
    this.length++;
    this.v.set(this.length - 1, len >= 0);
    if (len < 0) {
      this.offsets[0].push(this.counts[0]);
      return;
    }
    if (this.textDelim !== null) return this.addText(parsePgArrayText(buf.toString('utf8', at, at + len), this.textDelim), owned);
    const ndim = buf.readInt32BE(at);
    if (ndim === 0) {
      this.offsets[0].push(this.counts[0]);
      return;
    }
    this.checkDims(ndim);
    let p = at + 12;
    let lists = 1;
    for (let k = 0; k < ndim; k++) {
      const size = buf.readInt32BE(p);
      p += 8;
      const offs = this.offsets[k];
      for (let i = 0; i < lists; i++) {
        this.counts[k] += size;
        offs.push(this.counts[k]);
      }
      lists *= size;
    }
    for (let i = 0; i < lists; i++) {
      const elen = buf.readInt32BE(p);
      this.leaf.add(buf, p + 4, elen, owned);
      p += 4 + (elen > 0 ? elen : 0);
    }
  }
  private checkDims(ndim: number): void {
    if (ndim !== this.dims) {
      throw new RangeError(`${this.what} holds a ${ndim}-dimensional array where the column is declared with ${this.dims} (pg_attribute.attndims); export it as JSON Lines or CSV, or declare the column with ${ndim} dimensions`);
    }
  }

  private addText(a: PgArray, owned: boolean): void {
    if (a.length === 0) {
      this.offsets[0].push(this.counts[0]);
      return;
    }
    let ndim = 0;
    for (let x: PgArray | string | null = a; Array.isArray(x); x = x[0]) ndim++;
    this.checkDims(ndim);
    const walk = (x: PgArray, k: number) => {
      this.counts[k] += x.length;
      this.offsets[k].push(this.counts[k]);
      for (const y of x) {
        if (k + 1 < this.dims) walk(y as PgArray, k + 1);
        else if (y === null) this.leaf.add(EMPTY, 0, -1, owned);
        else {
          const b = Buffer.from(y as string);
          this.leaf.add(b, 0, b.length, true);
        }
      }
    };
    walk(a, 0);
  }

  finish(): Data {
    let child = this.leaf.finish();
    let type = this.type;
    const types: DataType[] = [];
    for (let k = 0; k < this.dims; k++) {
      types.push(type);
      type = (type as List).children[0].type as DataType;
    }
    for (let k = this.dims - 1; k >= 0; k--) {
      const offs = Int32Array.from(this.offsets[k]);
      const length = offs.length - 1;
      const valid = k === 0 ? this.v : null;
      child = makeData({ type: types[k] as List, length, nullCount: valid ? valid.nulls : 0, nullBitmap: valid ? valid.bits : undefined, valueOffsets: offs, child }) as Data;
    }
    this.length = 0;
    this.v = new Validity(16);
    this.offsets = Array.from({ length: this.dims }, () => [0]);
    this.counts.fill(0);
    return child;
  }
}
