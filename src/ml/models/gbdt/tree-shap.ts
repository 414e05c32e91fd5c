import type { GbdtModel } from './model';
import { goesLeft, treeDepth, type Tree } from './tree';

/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): each feature's Shapley value for one
 * row's margin, in O(leaves · depth²) per tree instead of the 2^M subsets. "Absent" features follow
 * both branches weighted by cover, here the training rows that reached each node (`Tree.count`);
 * a missing value is present and goes where the split sends missing values. Per tree,
 * Σ contributions + E[tree] = the tree's value for the row, so over the ensemble base + Σ φ is the
 * margin the objective turns into a prediction (log-odds, per-class scores, the ordinal latent).
 */

/** One element of the path of features seen from the root: TreeSHAP's bookkeeping of subset weights. */
interface PathElement {
  feature: number;
  /** the share of the cover that flows this way when the feature is absent */
  zero: number;
  /** 1 when the row itself goes this way (the feature present), else 0 */
  one: number;
  /** the summed weight of the subsets of the path of each size */
  weight: number;
}

function extend(path: PathElement[], depth: number, zero: number, one: number, feature: number): void {
  path[depth] = { feature, zero, one, weight: depth === 0 ? 1 : 0 };
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1].weight += (one * path[i].weight * (i + 1)) / (depth + 1);
    path[i].weight = (zero * path[i].weight * (depth - i)) / (depth + 1);
  }
}

/** Undoes `extend` of the element at `index` (a feature split on again deeper down is re-extended there). */
function unwind(path: PathElement[], depth: number, index: number): void {
  const { one, zero } = path[index];
  let next = path[depth].weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = path[i].weight;
      path[i].weight = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (path[i].weight * zero * (depth - i)) / (depth + 1);
    } else {
      path[i].weight = (path[i].weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) path[i] = { ...path[i + 1], weight: path[i].weight };
}

/** The total weight the path would have with the element at `index` unwound, without unwinding it. */
function unwoundSum(path: PathElement[], depth: number, index: number): number {
  const { one, zero } = path[index];
  let next = path[depth].weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = next / ((i + 1) * one);
      total += tmp;
      next = path[i].weight - tmp * zero * (depth - i);
    } else {
      total += path[i].weight / (zero * (depth - i));
    }
  }
  return total * (depth + 1);
}

/** Adds one tree's contributions for the row at `offset` of x to phi (one slot per feature). */
export function treeShap(t: Tree, x: Float32Array, offset: number, phi: Float64Array): void {
  const recurse = (node: number, parent: PathElement[], depth: number, zero: number, one: number, feature: number): void => {
    const path = parent.slice(0, depth).map((e) => ({ ...e }));
    extend(path, depth, zero, one, feature);
    if (t.feature[node] < 0) {
      for (let i = 1; i <= depth; i++) {
        const e = path[i];
        phi[e.feature] += unwoundSum(path, depth, i) * (e.one - e.zero) * t.value[node];
      }
      return;
    }
    const split = t.feature[node];
    // the same rule as treeValue: threshold or category set, missing by the learned direction
    const left = goesLeft(t, node, x[offset + split]);
    const hot = left ? t.left[node] : t.right[node];
    const cold = left ? t.right[node] : t.left[node];
    const cover = t.count[node];
    let inZero = 1;
    let inOne = 1;
    let d = depth;
    const seen = path.findIndex((e, i) => i > 0 && i <= d && e.feature === split);
    if (seen > 0) {
      inZero = path[seen].zero;
      inOne = path[seen].one;
      unwind(path, d, seen);
      d -= 1;
    }
    recurse(hot, path, d + 1, cover > 0 ? (t.count[hot] / cover) * inZero : 0, inOne, split);
    recurse(cold, path, d + 1, cover > 0 ? (t.count[cold] / cover) * inZero : 0, 0, split);
  };
  if (t.feature.length === 0) return;
  recurse(0, [], 0, 1, 1, -1);
}

/** E[tree] over the training distribution: the cover-weighted mean of its leaves. */
export function treeExpectation(t: Tree): number {
  const at = (i: number): number => {
    if (t.feature[i] < 0) return t.value[i];
    const c = t.count[i];
    if (c === 0) return 0;
    return (t.count[t.left[i]] * at(t.left[i]) + t.count[t.right[i]] * at(t.right[i])) / c;
  };
  return t.feature.length === 0 ? 0 : at(0);
}

export interface Explanation {
  /** per output: the model's base score plus every tree's expectation */
  base: Float64Array;
  /** rows × outputs × features, row-major: each feature's share of the margin */
  phi: Float64Array;
  rows: number;
  outputs: number;
  features: number;
}

/** SHAP values of every row of a row-major float32 matrix (the features the model was trained on), per output. */
export function explainRows(m: GbdtModel, x: Float32Array, rows: number): Explanation {
  const features = m.featureNames.length;
  const o = m.outputs;
  const base = Float64Array.from(m.baseScores);
  m.trees.forEach((t, i) => (base[i % o] += treeExpectation(t)));
  const phi = new Float64Array(rows * o * features);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < m.trees.length; i++) {
      const k = i % o;
      treeShap(m.trees[i], x, r * features, phi.subarray((r * o + k) * features, (r * o + k + 1) * features));
    }
  }
  return { base, phi, rows, outputs: o, features };
}

/** The deepest tree's depth: what bounds TreeSHAP's path length (and its cost, depth² per leaf). */
export function maxDepth(m: GbdtModel): number {
  return m.trees.reduce((d, t) => Math.max(d, t.feature.length ? treeDepth(t) : 0), 0);
}
