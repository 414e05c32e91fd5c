import { describe, expect, it } from 'vitest';
import { ARENA_ALIGN, Arena } from './arena';
import { Workspace } from './workspace';

describe('Arena', () => {
  it('hands out 16-byte aligned views of one memory, above its base', () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), 100);
    expect(arena.base).toBe(112);
    const a = arena.alloc(3);
    const b = arena.alloc(5);
    const empty = arena.alloc(0);
    const c = arena.alloc(1);
    for (const v of [a, b, empty, c]) {
      expect(v.buffer).toBe(arena.memory.buffer);
      expect(v.byteOffset % ARENA_ALIGN).toBe(0);
    }
    expect([a.byteOffset, b.byteOffset, empty.byteOffset, c.byteOffset]).toEqual([112, 128, 160, 160]);
    expect([a.length, b.length, empty.length, c.length]).toEqual([3, 5, 0, 1]);
    expect(arena.used).toBe(64);
    expect(arena.liveViews).toBe(4);
  });

  it('never starts at byte 0', () => {
    expect(new Arena(new WebAssembly.Memory({ initial: 1 }), 0).alloc(1).byteOffset).toBe(16);
  });

  it('grows the memory while no view exists, refuses to once views exist (growth would detach them)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory);
    const big = arena.alloc(40_000); // 160 kB: the first alloc may grow
    expect(memory.buffer.byteLength).toBe(3 * 65536);
    expect(big.length).toBe(40_000);
    expect(() => arena.alloc(20_000)).toThrow(/would detach the 1 views/);
    expect(big.length).toBe(40_000); // still attached
    arena.reset();
    expect(arena.alloc(60_000).length).toBe(60_000);
  });

  it('reserve sizes the memory up front for a list of allocations', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory);
    const lengths = [30_000, 1, 3, 17, 20_000];
    expect(Arena.bytesFor(lengths)).toBe(120_000 + 16 + 16 + 80 + 80_000);
    arena.reserve(lengths);
    const pages = memory.buffer.byteLength / 65536;
    const views = lengths.map((n) => arena.alloc(n));
    expect(memory.buffer.byteLength / 65536).toBe(pages); // no growth while allocating
    expect(views.every((v) => v.buffer === memory.buffer)).toBe(true);
    expect(() => arena.reserve([1_000_000])).toThrow(/detach/);
    expect(() => arena.reserve([1])).not.toThrow(); // fits: nothing to grow
  });

  it('zeros() clears memory a reset handed back', () => {
    const arena = new Arena();
    arena.alloc(8).fill(7);
    arena.reset();
    expect(Array.from(arena.zeros(8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('rejects negative and fractional lengths', () => {
    const arena = new Arena();
    expect(() => arena.alloc(-1)).toThrow(RangeError);
    expect(() => arena.alloc(1.5)).toThrow(RangeError);
  });
});

describe('Workspace.sized', () => {
  it('makes a shared memory for threaded kernels at its final size, which never grows', () => {
    const floats = 40_000; // 160,000 bytes above a 1024-byte head: 3 pages
    const ws = Workspace.sized(floats, 1024, true);
    const memory = ws.memory!;
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(memory.buffer.byteLength).toBe(3 * 65536);
    const view = ws.alloc(floats);
    expect(view.buffer).toBe(memory.buffer); // the same buffer object the kernels compare views with
    expect(() => memory.grow(1)).toThrow(); // maximum = initial
    expect(() => ws.alloc(65536)).toThrow(/detach|grow/);
    expect(Workspace.sized(floats, 1024).memory!.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
