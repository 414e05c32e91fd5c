/**
 * Float32Array views carved from one WebAssembly.Memory, for the WASM kernels (which read every
 * array through its byteOffset in that memory). A bump allocator: views are 16-byte aligned (one
 * v128) and live until `reset()`.
 *
 * Growing a non-shared WebAssembly.Memory DETACHES its ArrayBuffer: every view made before the
 * grow silently becomes length 0. So the arena only grows while it has handed out no view:
 *  - size it up front with `reserve([...lengths])` (or `reserveBytes`) before the first `alloc`,
 *  - or let the first allocations grow it, which is allowed only while no view exists yet;
 *  - an `alloc` that would need more memory once views exist throws (instead of detaching them).
 * `reset()` forgets every view (the caller must drop them too) and makes growing legal again.
 */

/** Alignment of every view, in bytes: one v128. */
export const ARENA_ALIGN = 16;
const PAGE_BYTES = 65536;

const alignUp = (bytes: number): number => Math.ceil(bytes / ARENA_ALIGN) * ARENA_ALIGN;

export class Arena {
  readonly memory: WebAssembly.Memory;
  /** Where allocation starts: above 0, so no view ever sits at the null pointer. */
  readonly base: number;
  private top: number;
  private views = 0;

  /**
   * @param memory the memory to carve (a new one-page memory when omitted)
   * @param base first byte the arena may use (rounded up to 16; at least 16)
   */
  constructor(memory: WebAssembly.Memory = new WebAssembly.Memory({ initial: 1 }), base = ARENA_ALIGN) {
    this.memory = memory;
    this.base = Math.max(ARENA_ALIGN, alignUp(base));
    this.top = this.base;
  }

  /** Bytes that allocations of these lengths (in floats) take, alignment padding included. */
  static bytesFor(lengths: readonly number[]): number {
    let bytes = 0;
    for (const n of lengths) bytes += alignUp(n * Float32Array.BYTES_PER_ELEMENT);
    return bytes;
  }

  /** Bytes of the memory the arena may still hand out without growing it. */
  get free(): number {
    return this.memory.buffer.byteLength - this.top;
  }

  /** Bytes handed out since the last reset (padding included). */
  get used(): number {
    return this.top - this.base;
  }

  /** Views handed out since the last reset. */
  get liveViews(): number {
    return this.views;
  }

  /** Makes room for allocations of these lengths (in floats), growing the memory now, while that is safe. */
  reserve(lengths: readonly number[]): void {
    this.reserveBytes(Arena.bytesFor(lengths));
  }

  /** Makes room for `bytes` more bytes of allocations. Throws if that needs a grow while views exist. */
  reserveBytes(bytes: number): void {
    const missing = bytes - this.free;
    if (missing <= 0) return;
    if (this.views > 0) {
      throw new Error(
        `Arena: ${bytes} more bytes need the WebAssembly.Memory to grow, which would detach the ${this.views} views already handed out; reserve the whole size before the first alloc (or reset() and allocate again)`,
      );
    }
    this.memory.grow(Math.ceil(missing / PAGE_BYTES));
  }

  /** A 16-byte aligned view of `length` floats; it holds whatever the memory held there (zeros in a fresh memory, old data after a reset). */
  alloc(length: number): Float32Array {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`Arena.alloc: bad length ${length}`);
    const bytes = alignUp(length * Float32Array.BYTES_PER_ELEMENT);
    this.reserveBytes(bytes);
    const view = new Float32Array(this.memory.buffer, this.top, length);
    this.top += bytes;
    this.views++;
    return view;
  }

  /** A view of `length` floats, zero-filled (a reset arena hands memory back with old contents). */
  zeros(length: number): Float32Array {
    return this.alloc(length).fill(0);
  }

  /** Forgets every allocation: views handed out so far must no longer be used. */
  reset(): void {
    this.top = this.base;
    this.views = 0;
  }
}
