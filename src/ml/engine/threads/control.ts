/**
 * The control block a threaded run's threads meet on: an Int32Array over a SharedArrayBuffer the
 * pool owns (separate from the run's wasm memory, so no Arena has to reserve it and it outlives
 * runs, as the helpers do). No postMessage per GEMM: the caller writes a helper's block of C into
 * that helper's slot, bumps the slot's job counter and notifies; the helper computes, adds one
 * to DONE and notifies back. Atomics are sequentially consistent, so the plain writes of the
 * arguments (and of C, the other way) before each Atomics op are visible after the matching load.
 *
 * This module has no imports: helper threads load it alone (./helper-core.ts).
 */

/** Int32s per slot: 16 × 4 bytes = one 64-byte cache line, so two threads never write one line. */
export const SLOT = 16;
/** Slot 0, word 0: how many helpers finished the current GEMM. Helper h (0-based) owns slot h + 1. */
export const DONE = 0;

// a helper slot's words
export const SEQ = 0; // bumped by the caller for each job
export const OP = 1; // OP_GEMM or OP_QUIT
export const ERR = 2; // set by the helper when its block failed
export const ARGS = 3; // a, b, c, m, n, k, transA, transB, accumulate, i0, i1, j0, j1 (13 words)

export const OP_GEMM = 1;
/** Leave the wait loop and go back to the message loop (unbinds the helper from its memory). */
export const OP_QUIT = 2;

export const controlInts = (helpers: number): number => (helpers + 1) * SLOT;
export const slotOf = (helper: number): number => (helper + 1) * SLOT;

/** The wasm export every thread computes its block of C with (../wasm/assembly/gemm.ts). */
export type GemmBlock = (a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, accumulate: number, i0: number, i1: number, j0: number, j1: number) => void;

/**
 * A helper's side: wait for a job in its slot, run it, report, until OP_QUIT. `seen` is the slot's
 * job counter read BEFORE the helper said it was bound, so a job posted in between is not missed
 * (Atomics.wait returns at once when the word already differs).
 */
export function serveBlocks(ctl: Int32Array, helper: number, gemmBlock: GemmBlock, seen: number): void {
  const s = slotOf(helper);
  for (;;) {
    Atomics.wait(ctl, s + SEQ, seen);
    seen = Atomics.load(ctl, s + SEQ);
    if (ctl[s + OP] === OP_QUIT) return;
    const g = s + ARGS;
    try {
      gemmBlock(ctl[g], ctl[g + 1], ctl[g + 2], ctl[g + 3], ctl[g + 4], ctl[g + 5], ctl[g + 6], ctl[g + 7], ctl[g + 8], ctl[g + 9], ctl[g + 10], ctl[g + 11], ctl[g + 12]);
    } catch {
      // a trap must still count as done, or the caller would wait forever; it throws instead
      ctl[s + ERR] = 1;
    }
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}

/** Messages from the pool to a helper. */
export type HelperRequest = { type: 'bind'; module: WebAssembly.Module; memory: WebAssembly.Memory; control: SharedArrayBuffer; helper: number };
/** ... and back. */
export type HelperReply = { type: 'ready' } | { type: 'bound'; helper: number } | { type: 'unbound'; helper: number } | { type: 'error'; helper: number; message: string };
