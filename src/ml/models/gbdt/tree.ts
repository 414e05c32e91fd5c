import { MISSING, type BinnedMatrix } from './binning';

/**
 * One regression tree in flat arrays (JSON-friendly, stored as is). Node 0 is the root; a node is
 * a leaf when feature[i] === −1. A row goes left when its value ≤ threshold[i] (its bin ≤ bin[i]);
 * a missing value goes left when missingLeft[i] is 1.
 */
export interface Tree {
  feature: number[];
  /** raw-value threshold (float32), the upper edge of bin[i] */
  threshold: number[];
  bin: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  /** leaf output, learning rate included, float32 (what the ONNX graph holds) */
  value: number[];
  /** loss reduction of the split (0 at leaves) */
  gain: number[];
  /** training rows that reached the node */
  count: number[];
}

export function emptyTree(): Tree {
  return { feature: [], threshold: [], bin: [], missingLeft: [], left: [], right: [], value: [], gain: [], count: [] };
}

export function addNode(t: Tree, count: number): number {
  t.feature.push(-1);
  t.threshold.push(0);
  t.bin.push(0);
  t.missingLeft.push(0);
  t.left.push(-1);
  t.right.push(-1);
  t.value.push(0);
  t.gain.push(0);
  t.count.push(count);
  return t.feature.length - 1;
}

/** Leaf value for a raw row (row-major matrix), float32 comparisons as in onnxruntime. */
export function treeValue(t: Tree, x: Float32Array, offset: number): number {
  let i = 0;
  while (t.feature[i] >= 0) {
    const v = x[offset + t.feature[i]];
    const goLeft = Number.isNaN(v) ? t.missingLeft[i] === 1 : v <= t.threshold[i];
    i = goLeft ? t.left[i] : t.right[i];
  }
  return t.value[i];
}

/** Leaf value for row r of a binned matrix (training-time traversal). */
export function treeValueBinned(t: Tree, m: BinnedMatrix, r: number): number {
  let i = 0;
  while (t.feature[i] >= 0) {
    const b = m.codes[t.feature[i] * m.rows + r];
    const goLeft = b === MISSING ? t.missingLeft[i] === 1 : b <= t.bin[i];
    i = goLeft ? t.left[i] : t.right[i];
  }
  return t.value[i];
}

export function leafCount(t: Tree): number {
  let n = 0;
  for (const f of t.feature) if (f < 0) n++;
  return n;
}

export function treeDepth(t: Tree, i = 0): number {
  return t.feature[i] < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[i]), treeDepth(t, t.right[i]));
}
