/**
 * Comparisons of items of a pool: pair k compares item a[k] with item b[k], and y[k] says which
 * one wins (1: a, −1: b, 0: a tie). Kept apart from any model so the engine's pair-margin loss
 * and its tests need no family's code.
 */
export interface LabeledPairs {
  a: Int32Array;
  b: Int32Array;
  y: Int8Array;
}
