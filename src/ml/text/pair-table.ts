/**
 * An open-addressing hash table from a pair of small non-negative integers to a slot number:
 * the bigram counter's hot path (millions of lookups), where a Map of Maps or a Map keyed by a
 * packed double spends most of its time hashing.
 */
export class PairTable {
  private a: Int32Array;
  private b: Int32Array;
  private v: Int32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    this.a = new Int32Array(capacity).fill(-1);
    this.b = new Int32Array(capacity);
    this.v = new Int32Array(capacity);
  }

  /** The slot for (a, b), or the one `create()` returns when the pair is new. */
  getOrAdd(a: number, b: number, create: () => number): number {
    if ((this.size + 1) * 2 > this.a.length) this.rehash();
    const mask = this.a.length - 1;
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & mask;
    for (;;) {
      const k = this.a[i];
      if (k === -1) {
        const s = create();
        this.a[i] = a;
        this.b[i] = b;
        this.v[i] = s;
        this.size++;
        return s;
      }
      if (k === a && this.b[i] === b) return this.v[i];
      i = (i + 1) & mask;
    }
  }

  private rehash(): void {
    const { a, b, v } = this;
    this.a = new Int32Array(a.length * 2).fill(-1);
    this.b = new Int32Array(a.length * 2);
    this.v = new Int32Array(a.length * 2);
    this.size = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== -1) this.getOrAdd(a[i], b[i], () => v[i]);
  }
}
