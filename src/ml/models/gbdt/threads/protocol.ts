import type { WasmLayout } from '../wasm-shard';
import type { NodeStats, SplitChoice, SplitContext } from '../split';

/**
 * How a threaded GBDT fit's threads meet (./threaded-engine.ts and ./helper-core.ts): no message
 * per node. The caller writes an op's arguments into shared arrays, bumps SEQ and notifies; every
 * helper runs its share of the features, writes its best splits into its own result rows, adds
 * one to DONE and notifies back. The histograms themselves never move: they live in the fit's
 * shared wasm memory, each thread writing only its own features' part of a node's slot.
 */
export const SEQ = 0;
export const DONE = 1;
export const OP = 2;
/** helper h's error flag is ctl[ERR + h] */
export const ERR = 3;
export const CTL_INTS = 64;

export const OP_TREE = 1;
export const OP_ROOT = 2;
export const OP_CHILDREN = 3;
export const OP_QUIT = 4;

// op arguments (int32): the active feature count, slots, row range, which children are wanted
export const A_ACTIVE = 0;
export const A_PARENT = 1;
export const A_SMALL = 2;
export const A_START = 3;
export const A_END = 4;
export const A_WANT = 5;
export const ARG_INTS = 8;

/** f64s of one encoded split: found, feature, bin, missingLeft, gain, gl, hl, cl, vl, vr, cats count, then the cats */
export const RESULT = 11 + 256;

/** The shared arrays of one binding, besides the wasm memory. */
export interface SharedControl {
  ctl: Int32Array;
  args: Int32Array;
  /** the small (or root) node's stats at 0..5, the large one's at 6..11 */
  stats: Float64Array;
  /** the tree's active features */
  active: Int32Array;
  /** two results per helper */
  results: Float64Array;
}

export function sharedControl(features: number, helpers: number): SharedControl {
  const sab = (bytes: number) => new SharedArrayBuffer(bytes);
  return {
    ctl: new Int32Array(sab(CTL_INTS * 4)),
    args: new Int32Array(sab(ARG_INTS * 4)),
    stats: new Float64Array(sab(12 * 8)),
    active: new Int32Array(sab(Math.max(1, features) * 4)),
    results: new Float64Array(sab(Math.max(1, helpers) * 2 * RESULT * 8)),
  };
}

export function writeStats(stats: Float64Array, at: number, s: NodeStats): void {
  stats[at] = s.g;
  stats[at + 1] = s.h;
  stats[at + 2] = s.c;
  stats[at + 3] = s.value;
  stats[at + 4] = s.lo;
  stats[at + 5] = s.hi;
}

export function readStats(stats: Float64Array, at: number): NodeStats {
  return { g: stats[at], h: stats[at + 1], c: stats[at + 2], value: stats[at + 3], lo: stats[at + 4], hi: stats[at + 5] };
}

export function writeSplit(out: Float64Array, at: number, s: SplitChoice | null): void {
  out[at] = s ? 1 : 0;
  if (!s) return;
  out.set([s.feature, s.bin, s.missingLeft ? 1 : 0, s.gain, s.gl, s.hl, s.cl, s.vl, s.vr, s.cats?.length ?? -1], at + 1);
  if (s.cats) out.set(s.cats, at + 11);
}

export function readSplit(out: Float64Array, at: number): SplitChoice | null {
  if (out[at] !== 1) return null;
  const k = out[at + 10];
  return { feature: out[at + 1], bin: out[at + 2], missingLeft: out[at + 3] === 1, gain: out[at + 4], gl: out[at + 5], hl: out[at + 6], cl: out[at + 7], vl: out[at + 8], vr: out[at + 9], cats: k < 0 ? null : Array.from(out.subarray(at + 11, at + 11 + k)) };
}

/** What a helper is sent to join one fit. */
export interface BindRequest {
  type: 'bind';
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  layout: WasmLayout;
  split: SplitContext;
  control: SharedControl;
  /** this helper's thread number (the caller is thread 0) and the fit's thread count */
  thread: number;
  threads: number;
}

/** What a helper is sent to join a fit where memory cannot be shared: its own copy of the binned matrix. */
export interface TransferBindRequest {
  type: 'bind-transfer';
  /** the plain kernels module (the helper makes its own, unshared memory) */
  module: WebAssembly.Module;
  codes: Uint8Array;
  rows: number;
  features: number;
  split: SplitContext;
  thread: number;
  threads: number;
}

/** An op of a transfer fit: the node's rows and their gradients travel with it. */
export type TransferOp =
  | { op: 'tree'; active: Int32Array }
  | { op: 'root'; slot: number; start: number; end: number; node: NodeStats; rows: Int32Array; og: Float64Array; oh: Float64Array }
  | { op: 'children'; parentSlot: number; smallSlot: number; start: number; end: number; small: NodeStats | null; large: NodeStats | null; rows: Int32Array; og: Float64Array; oh: Float64Array };

export type GbdtHelperRequest = BindRequest | TransferBindRequest | { type: 'op'; body: TransferOp } | { type: 'unbind-transfer' };
export type GbdtHelperReply = { type: 'ready' } | { type: 'bound' } | { type: 'unbound' } | { type: 'splits'; splits: (SplitChoice | null)[] } | { type: 'error'; message: string };

/**
 * Waits until ctl[at] is no longer `value`: first a short spin, then Atomics.wait. A tree is ~30
 * ops of a millisecond or less each, so the time a sleeping thread takes to wake (tens of
 * microseconds) would be paid ~10,000 times a fit; the spin covers the usual gap between two ops.
 * Returns false when `timeoutMs` passed first.
 */
export function waitChange(ctl: Int32Array, at: number, value: number, timeoutMs = Infinity): boolean {
  for (let i = 0; i < SPINS; i++) if (Atomics.load(ctl, at) !== value) return true;
  return Atomics.wait(ctl, at, value, timeoutMs) !== 'timed-out';
}

const SPINS = 20_000;
