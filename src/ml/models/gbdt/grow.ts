import { MISSING, type BinnedMatrix, type FeatureBins } from './binning';
import type { GbdtConfig } from './config';
import { addNode, emptyTree, type Tree } from './tree';

/** Slots per feature in a histogram: 256 bins (255 = missing) × (gradient, hessian, count). */
const SLOTS = 256 * 3;

interface Candidate {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array | null;
  split: SplitChoice | null;
}

interface SplitChoice {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  gl: number;
  hl: number;
  cl: number;
}

/** Reused buffers for one training run: histograms are the big allocation. */
export class GrowBuffers {
  private pool: Float64Array[] = [];
  readonly idx: Int32Array;
  readonly scratch: Int32Array;
  readonly og: Float64Array;
  readonly oh: Float64Array;

  constructor(
    readonly features: number,
    rows: number,
  ) {
    this.idx = new Int32Array(rows);
    this.scratch = new Int32Array(rows);
    this.og = new Float64Array(rows);
    this.oh = new Float64Array(rows);
  }

  take(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.features * SLOTS);
  }

  give(h: Float64Array | null): void {
    if (h) this.pool.push(h);
  }
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
}

/**
 * Grows one tree on gradient/hessian histograms. Children's histograms come from building the
 * smaller child and subtracting it from the parent (half the passes over the data). Depth-wise
 * growth splits nodes in breadth-first order, leaf-wise always splits the best leaf; both stop at
 * numLeaves, maxDepth, minSamplesLeaf, minChildWeight, or when no split reduces the loss.
 * Returns the tree and, in buf.idx, the rows of each leaf (ranges in leafRanges).
 */
export function growTree(inp: GrowInput, buf: GrowBuffers): { tree: Tree; leafRanges: [number, number, number][] } {
  const { rows, cfg } = inp;
  const tree = emptyTree();
  const n = rows.length;
  buf.idx.set(rows);
  let g = 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    g += inp.grad[rows[i]];
    h += inp.hess[rows[i]];
  }
  const root: Candidate = { node: addNode(tree, n), start: 0, end: n, depth: 0, g, h, hist: null, split: null };
  const leaves: Candidate[] = [];
  const open: Candidate[] = [];
  if (canSplit(root, cfg)) {
    root.hist = buildHist(inp, buf, 0, n);
    root.split = bestSplit(inp, root);
  }
  if (root.split) open.push(root);
  else leaves.push(root);
  let leafTotal = 1;
  while (open.length > 0 && leafTotal < cfg.numLeaves) {
    const at = cfg.growth === 'leafwise' ? argmaxGain(open) : 0;
    const c = open.splice(at, 1)[0];
    const s = c.split as SplitChoice;
    const mid = partition(inp, buf, c, s);
    tree.feature[c.node] = s.feature;
    tree.bin[c.node] = s.bin;
    tree.threshold[c.node] = inp.bins[s.feature].edges[s.bin];
    tree.missingLeft[c.node] = s.missingLeft ? 1 : 0;
    tree.gain[c.node] = s.gain;
    const l: Candidate = { node: addNode(tree, mid - c.start), start: c.start, end: mid, depth: c.depth + 1, g: s.gl, h: s.hl, hist: null, split: null };
    const r: Candidate = { node: addNode(tree, c.end - mid), start: mid, end: c.end, depth: c.depth + 1, g: c.g - s.gl, h: c.h - s.hl, hist: null, split: null };
    tree.left[c.node] = l.node;
    tree.right[c.node] = r.node;
    leafTotal++;
    const needL = canSplit(l, cfg);
    const needR = canSplit(r, cfg);
    if (needL || needR) {
      const [small, large] = l.end - l.start <= r.end - r.start ? [l, r] : [r, l];
      small.hist = buildHist(inp, buf, small.start, small.end);
      large.hist = c.hist as Float64Array;
      subtract(large.hist, small.hist, inp.active);
      c.hist = null;
      for (const child of [l, r]) {
        if (canSplit(child, cfg)) child.split = bestSplit(inp, child);
        if (child.split) open.push(child);
        else {
          buf.give(child.hist);
          child.hist = null;
          leaves.push(child);
        }
      }
    } else {
      buf.give(c.hist);
      c.hist = null;
      leaves.push(l, r);
    }
  }
  for (const c of open) {
    buf.give(c.hist);
    leaves.push(c);
  }
  const leafRanges: [number, number, number][] = [];
  for (const c of leaves) {
    tree.value[c.node] = Math.fround((-c.g / (c.h + cfg.l2)) * cfg.learningRate);
    leafRanges.push([c.node, c.start, c.end]);
  }
  return { tree, leafRanges };
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

function buildHist(inp: GrowInput, buf: GrowBuffers, start: number, end: number): Float64Array {
  const hist = buf.take();
  const { codes, rows: n } = inp.m;
  const { idx, og, oh } = buf;
  // gradients in partition order, so the inner loop reads them sequentially
  for (let i = start; i < end; i++) {
    og[i] = inp.grad[idx[i]];
    oh[i] = inp.hess[idx[i]];
  }
  const active = inp.active;
  for (let a = 0; a < active.length; a++) {
    const f = active[a];
    const hb = f * SLOTS;
    hist.fill(0, hb, hb + SLOTS);
    const base = f * n;
    for (let i = start; i < end; i++) {
      const k = hb + codes[base + idx[i]] * 3;
      hist[k] += og[i];
      hist[k + 1] += oh[i];
      hist[k + 2] += 1;
    }
  }
  return hist;
}

function subtract(from: Float64Array, sub: Float64Array, active: Int32Array): void {
  for (let a = 0; a < active.length; a++) {
    const hb = active[a] * SLOTS;
    for (let k = hb; k < hb + SLOTS; k++) from[k] -= sub[k];
  }
}

function bestSplit(inp: GrowInput, c: Candidate): SplitChoice | null {
  const { cfg, active, bins } = inp;
  const hist = c.hist as Float64Array;
  const lambda = cfg.l2;
  const G = c.g;
  const H = c.h;
  const C = c.end - c.start;
  const parent = (G * G) / (H + lambda);
  const minLeaf = cfg.minSamplesLeaf;
  const minH = cfg.minChildWeight;
  // the best split so far in locals: this loop runs features × bins times per node
  let bGain = 1e-12;
  let bFeature = -1;
  let bBin = 0;
  let bMissingLeft = false;
  let bGl = 0;
  let bHl = 0;
  let bCl = 0;
  for (let a = 0; a < active.length; a++) {
    const f = active[a];
    const nb = bins[f].count;
    if (nb < 2) continue;
    const hb = f * SLOTS;
    const mk = hb + MISSING * 3;
    const mg = hist[mk];
    const mh = hist[mk + 1];
    const mc = hist[mk + 2];
    const nonMissing = C - mc;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    const last = hb + (nb - 1) * 3;
    for (let k = hb; k < last; k += 3) {
      const n = hist[k + 2];
      // an empty bin gives the same split as the bin before it: most bins are empty deep in a tree
      if (n === 0) continue;
      gl += hist[k];
      hl += hist[k + 1];
      cl += n;
      // left only grows from here: once the right side is under the minimum, no later bin can split
      if (C - cl < minLeaf) break;
      if (cl < minLeaf && cl + mc < minLeaf) continue;
      // missing rows to the right
      let cr = C - cl;
      if (cl >= minLeaf && cr >= minLeaf && hl >= minH && H - hl >= minH) {
        const gr = G - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (H - hl + lambda) - parent;
        if (gain > bGain) {
          bGain = gain;
          bFeature = f;
          bBin = (k - hb) / 3;
          // with no missing rows in this node, missing values follow the bigger side (scikit-learn's rule)
          bMissingLeft = mc === 0 && cl >= cr;
          bGl = gl;
          bHl = hl;
          bCl = cl;
        }
      }
      if (mc > 0) {
        const gl2 = gl + mg;
        const hl2 = hl + mh;
        const cl2 = cl + mc;
        cr = C - cl2;
        if (cl2 >= minLeaf && cr >= minLeaf && hl2 >= minH && H - hl2 >= minH) {
          const gr = G - gl2;
          const gain = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (H - hl2 + lambda) - parent;
          if (gain > bGain) {
            bGain = gain;
            bFeature = f;
            bBin = (k - hb) / 3;
            bMissingLeft = true;
            bGl = gl2;
            bHl = hl2;
            bCl = cl2;
          }
        }
      }
      // every non-missing row is left now: the bins after this one are empty
      if (cl >= nonMissing) break;
    }
  }
  return bFeature < 0 ? null : { feature: bFeature, bin: bBin, missingLeft: bMissingLeft, gain: bGain, gl: bGl, hl: bHl, cl: bCl };
}

/** Stable in-place partition of the candidate's rows: left rows first. Returns the boundary. */
function partition(inp: GrowInput, buf: GrowBuffers, c: Candidate, s: SplitChoice): number {
  const { idx, scratch } = buf;
  const { codes, rows: n } = inp.m;
  const base = s.feature * n;
  let l = c.start;
  let r = 0;
  for (let i = c.start; i < c.end; i++) {
    const row = idx[i];
    const b = codes[base + row];
    const left = b === MISSING ? s.missingLeft : b <= s.bin;
    if (left) idx[l++] = row;
    else scratch[r++] = row;
  }
  idx.set(scratch.subarray(0, r), l);
  return l;
}
