import { MISSING, type BinnedMatrix, type FeatureBins } from './binning';
import type { GbdtConfig } from './config';
import type { HistEngine } from './hist-engine';
import { nodeValue, type NodeStats, type SplitChoice } from './split';
import { addNode, emptyTree, setCategorySplit, type Tree } from './tree';

interface Candidate {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  /** the node's value, unshrunk, clipped to its parent's bounds */
  value: number;
  /** bounds on its children's values from monotone constraints above it */
  lo: number;
  hi: number;
  split: SplitChoice | null;
}

export interface GrowInput {
  m: BinnedMatrix;
  bins: FeatureBins[];
  grad: Float64Array;
  hess: Float64Array;
  /** training rows this tree sees (row subsample), as indices into m */
  rows: Int32Array;
  /** features this tree may split on (column subsample) */
  active: Int32Array;
  cfg: GbdtConfig;
  /** per feature: +1 / −1 monotone constraint, 0 none (null: no constraints) */
  monotone?: Int8Array | null;
  /** per feature: 1 when it splits by category sets; its bins are then its category codes */
  categorical?: Uint8Array | null;
}

/**
 * Grows one tree on gradient/hessian histograms, built and searched by `engine` (on this thread or
 * across a pool). Children's histograms come from building the smaller child and subtracting it
 * from the parent (half the passes over the data). Depth-wise growth splits nodes in breadth-first
 * order, leaf-wise always splits the best leaf; both stop at numLeaves, maxDepth, minSamplesLeaf,
 * minChildWeight, or when no split reduces the loss. Returns the tree and, in engine.idx, the rows
 * of each leaf (ranges in leafRanges).
 */
export async function growTree(inp: GrowInput, engine: HistEngine): Promise<{ tree: Tree; leafRanges: [number, number, number][] }> {
  const { rows, cfg } = inp;
  const tree = emptyTree();
  const n = rows.length;
  // engine.idx is read afresh after each engine call: a wasm engine's memory may have grown
  engine.idx.set(rows);
  let g = 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    g += inp.grad[rows[i]];
    h += inp.hess[rows[i]];
  }
  await engine.beginTree(inp.active);
  const stats = (c: Candidate): NodeStats => ({ g: c.g, h: c.h, c: c.end - c.start, value: c.value, lo: c.lo, hi: c.hi });
  const root: Candidate = { node: addNode(tree, n), start: 0, end: n, depth: 0, g, h, value: nodeValue(g, h, cfg.l2, -Infinity, Infinity), lo: -Infinity, hi: Infinity, split: null };
  const leaves: Candidate[] = [];
  const open: Candidate[] = [];
  if (canSplit(root, cfg)) {
    orderGradients(inp, engine, 0, n);
    root.split = await engine.root(root.node, 0, n, stats(root));
    if (!root.split) engine.release(root.node);
  }
  if (root.split) open.push(root);
  else leaves.push(root);
  let leafTotal = 1;
  while (open.length > 0 && leafTotal < cfg.numLeaves) {
    const at = cfg.growth === 'leafwise' ? argmaxGain(open) : 0;
    const c = open.splice(at, 1)[0];
    const s = c.split as SplitChoice;
    const mid = engine.partition(s.feature, goLeftTable(s), c.start, c.end);
    tree.feature[c.node] = s.feature;
    tree.bin[c.node] = s.bin;
    tree.threshold[c.node] = inp.bins[s.feature].edges[s.bin];
    tree.missingLeft[c.node] = s.missingLeft ? 1 : 0;
    tree.gain[c.node] = s.gain;
    if (s.cats) setCategorySplit(tree, c.node, s.cats);
    const [lb, rb] = childBounds(c, s, inp.monotone?.[s.feature] ?? 0);
    const l: Candidate = { node: addNode(tree, mid - c.start), start: c.start, end: mid, depth: c.depth + 1, g: s.gl, h: s.hl, value: s.vl, lo: lb[0], hi: lb[1], split: null };
    const r: Candidate = { node: addNode(tree, c.end - mid), start: mid, end: c.end, depth: c.depth + 1, g: c.g - s.gl, h: c.h - s.hl, value: s.vr, lo: rb[0], hi: rb[1], split: null };
    tree.left[c.node] = l.node;
    tree.right[c.node] = r.node;
    leafTotal++;
    const needL = canSplit(l, cfg);
    const needR = canSplit(r, cfg);
    if (needL || needR) {
      const [small, large] = l.end - l.start <= r.end - r.start ? [l, r] : [r, l];
      const needSmall = small === l ? needL : needR;
      const needLarge = large === l ? needL : needR;
      orderGradients(inp, engine, small.start, small.end);
      const [ss, sl] = await engine.children(c.node, { handle: small.node, start: small.start, end: small.end, node: needSmall ? stats(small) : null }, { handle: large.node, node: needLarge ? stats(large) : null });
      small.split = ss;
      large.split = sl;
      for (const child of [l, r]) {
        if (child.split) open.push(child);
        else {
          // a child that could split but found no gain still holds its histogram
          if ((child === small ? needSmall : needLarge)) engine.release(child.node);
          leaves.push(child);
        }
      }
    } else {
      engine.release(c.node);
      leaves.push(l, r);
    }
  }
  // what is still open keeps its histogram: the next tree's beginTree drops them all
  leaves.push(...open);
  const leafRanges: [number, number, number][] = [];
  for (const c of leaves) {
    tree.value[c.node] = Math.fround(c.value * cfg.learningRate);
    leafRanges.push([c.node, c.start, c.end]);
  }
  return { tree, leafRanges };
}

/** The gradients of idx[start, end) in that order, for the engine's inner loops. */
function orderGradients(inp: GrowInput, engine: HistEngine, start: number, end: number): void {
  const { idx, og, oh } = engine;
  const { grad, hess } = inp;
  for (let i = start; i < end; i++) {
    og[i] = grad[idx[i]];
    oh[i] = hess[idx[i]];
  }
}

/**
 * The bounds a split passes to its children (scikit-learn's rule): under a constraint they meet
 * at the midpoint of the two children's values, so nothing grown below the left child can exceed
 * (for +1) anything grown below the right one; otherwise both keep the node's bounds.
 */
function childBounds(c: Candidate, s: SplitChoice, mono: number): [[number, number], [number, number]] {
  if (mono === 0) return [[c.lo, c.hi], [c.lo, c.hi]];
  const mid = (s.vl + s.vr) / 2;
  return mono > 0 ? [[c.lo, mid], [mid, c.hi]] : [[mid, c.hi], [c.lo, mid]];
}

function canSplit(c: Candidate, cfg: GbdtConfig): boolean {
  if (cfg.maxDepth > 0 && c.depth >= cfg.maxDepth) return false;
  return c.end - c.start >= 2 * cfg.minSamplesLeaf && c.h >= 2 * cfg.minChildWeight;
}

function argmaxGain(open: Candidate[]): number {
  let best = 0;
  for (let i = 1; i < open.length; i++) if ((open[i].split as SplitChoice).gain > (open[best].split as SplitChoice).gain) best = i;
  return best;
}

/** Which bins of the split's feature go left, as a table: one lookup serves threshold and category-set splits alike. */
function goLeftTable(s: SplitChoice): Uint8Array {
  const goLeft = new Uint8Array(256);
  if (s.cats) for (const k of s.cats) goLeft[k] = 1;
  else goLeft.fill(1, 0, s.bin + 1);
  goLeft[MISSING] = s.missingLeft ? 1 : 0;
  return goLeft;
}
