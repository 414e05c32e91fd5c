import { mulberry32, permutation } from '../../data/rng';
import type { RankerConfig } from './config';
import type { LabeledPairs } from '../../data/labeled-pairs';

export type { LabeledPairs } from '../../data/labeled-pairs';

export interface PairSplit {
  /** indices into the labeled pairs */
  train: Int32Array;
  validation: Int32Array;
  /** pairs with one item on each side of an item split: used by neither */
  dropped: number;
  /** by-item split: 1 for held-out items */
  heldOutItems: Uint8Array | null;
}

export class SplitError extends Error {
  name = 'SplitError';
}

/**
 * Held-out pairs, either drawn at random or defined by held-out items: with `by: 'item'` a
 * validation pair has both items unseen in training, the test of generalising to new items.
 */
export function splitPairs(p: LabeledPairs, poolSize: number, split: RankerConfig['split'], seed: number): PairSplit {
  const m = p.y.length;
  const rng = mulberry32(seed ^ 0x5eed);
  if (split.by === 'pair') {
    const order = permutation(m, rng);
    const nVal = Math.max(1, Math.round(m * split.validationFraction));
    return { validation: order.slice(0, nVal).sort(), train: order.slice(nVal).sort(), dropped: 0, heldOutItems: null };
  }
  const items = permutation(poolSize, rng);
  const held = new Uint8Array(poolSize);
  const nHeld = Math.max(2, Math.round(poolSize * split.validationFraction));
  for (let i = 0; i < nHeld; i++) held[items[i]] = 1;
  const train: number[] = [];
  const validation: number[] = [];
  let dropped = 0;
  for (let k = 0; k < m; k++) {
    const ha = held[p.a[k]];
    const hb = held[p.b[k]];
    if (ha && hb) validation.push(k);
    else if (!ha && !hb) train.push(k);
    else dropped++;
  }
  return { train: Int32Array.from(train), validation: Int32Array.from(validation), dropped, heldOutItems: held };
}

/** Why these labels cannot train a ranker yet, or null. */
export function splitProblem(s: PairSplit, total: number): string | null {
  if (total < 10) return `label at least 10 pairs before training (${total} so far)`;
  if (s.validation.length < 2) return `only ${s.validation.length} held-out pair${s.validation.length === 1 ? '' : 's'}: with a split by item, both items of a validation pair must be held out; label more pairs or raise the validation fraction`;
  if (s.train.length < 5) return `only ${s.train.length} training pairs after the split; label more pairs`;
  return null;
}
