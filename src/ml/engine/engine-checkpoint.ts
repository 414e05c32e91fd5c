import type { SeededRng } from '../data/rng';
import { accBetaOf, checkCheckpointFits, type NetCheckpoint } from '../models/checkpoint';
import type { FlatKeeper } from './flat-keeper';

/**
 * A NetCheckpoint from, and into, an engine fit's flat state (one parameter buffer in TF.js's
 * getWeights() order, Adam over it, a FlatKeeper): what every engine fit of every family shares,
 * on the CPU kernels or a GPU device.
 */

export function setFlat(dst: Float32Array, parts: Float32Array[]): void {
  let at = 0;
  for (const p of parts) {
    dst.set(p, at);
    at += p.length;
  }
}

export function flat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  setFlat(out, parts);
  return out;
}

/** Copies of the flat buffer cut as `like` is: separate buffers, since checkpoints and results get transferred. */
export function split(src: Float32Array, like: Float32Array[]): Float32Array[] {
  let at = 0;
  return like.map((p) => src.slice(at, (at += p.length)));
}

/** Adam's state as a checkpoint stores it, whichever engine kept it. */
export interface AdamSnapshot {
  step: number;
  m: Float32Array;
  v: Float32Array;
  accBeta: [number, number];
}

/** Throws, before anything is set up, when a checkpoint was taken from another model or other data. */
export function checkEngineCheckpoint(cp: NetCheckpoint, initial: Float32Array[], nTrain: number, dataKey?: string): void {
  checkCheckpointFits(cp, { sizes: initial.map((w) => w.length), slots: 2 * initial.length, nTrain, dataKey });
}

/** A checkpoint's Adam state as one flat pair of moment buffers. */
export function adamOf(cp: NetCheckpoint, n: number): AdamSnapshot {
  return { step: cp.optimizer.iterations, m: flat(cp.optimizer.slots.slice(0, n)), v: flat(cp.optimizer.slots.slice(n)), accBeta: accBetaOf(cp.optimizer) };
}

/** What an engine fit holds at an epoch's end. */
export interface EngineState {
  epoch: number;
  nTrain: number;
  dataKey?: string;
  params: Float32Array;
  initial: Float32Array[];
  adam: AdamSnapshot;
  rng: SeededRng;
  dropRng: SeededRng | undefined;
  keeper: FlatKeeper;
}

export function engineCheckpoint(s: EngineState): NetCheckpoint {
  return {
    epoch: s.epoch,
    nTrain: s.nTrain,
    ...(s.dataKey !== undefined ? { dataKey: s.dataKey } : {}),
    weights: split(s.params, s.initial),
    optimizer: { iterations: s.adam.step, slots: [...split(s.adam.m, s.initial), ...split(s.adam.v, s.initial)], accBeta: s.adam.accBeta },
    rngState: s.rng.state(),
    ...(s.dropRng ? { dropoutRngState: s.dropRng.state() } : {}),
    keeper: s.keeper.exportState(s.initial),
  };
}
