import { MISSING, type BinnedMatrix } from './binning';

/**
 * One regression tree in flat arrays (JSON-friendly, stored as is). Node 0 is the root; a node is
 * a leaf when feature[i] === −1. A row goes left when its value ≤ threshold[i] (its bin ≤ bin[i]);
 * a missing value goes left when missingLeft[i] is 1. A categorical node (catLeft[i] not null)
 * instead sends a row left when its category code is in catLeft[i]; any other code goes right, and
 * a missing one (which includes categories never seen in training) follows missingLeft[i].
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
  /** categorical nodes: the sorted category codes that go left (null at other nodes); absent on trees without one */
  catLeft?: (number[] | null)[];
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
  t.catLeft?.push(null);
  return t.feature.length - 1;
}

/** Makes node i categorical: the codes in `left` go left. */
export function setCategorySplit(t: Tree, i: number, left: number[]): void {
  if (!t.catLeft) t.catLeft = t.feature.map(() => null);
  t.catLeft[i] = [...left].sort((a, b) => a - b);
}

/** Which child a raw value takes at node i (float32 comparisons as in onnxruntime). */
export function goesLeft(t: Tree, i: number, v: number): boolean {
  if (Number.isNaN(v)) return t.missingLeft[i] === 1;
  const cats = t.catLeft?.[i];
  return cats ? cats.includes(v) : v <= t.threshold[i];
}

/** Leaf value for a raw row (row-major matrix). */
export function treeValue(t: Tree, x: Float32Array, offset: number): number {
  let i = 0;
  while (t.feature[i] >= 0) i = goesLeft(t, i, x[offset + t.feature[i]]) ? t.left[i] : t.right[i];
  return t.value[i];
}

/** Leaf value for row r of a binned matrix (training-time traversal). */
export function treeValueBinned(t: Tree, m: BinnedMatrix, r: number): number {
  let i = 0;
  while (t.feature[i] >= 0) {
    const b = m.codes[t.feature[i] * m.rows + r];
    const cats = t.catLeft?.[i];
    // a categorical feature's bin is its category code (see fitGbdt)
    const goLeft = b === MISSING ? t.missingLeft[i] === 1 : cats ? cats.includes(b) : b <= t.bin[i];
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
