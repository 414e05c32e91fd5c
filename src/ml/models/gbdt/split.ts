import { MISSING, type FeatureBins } from './binning';
import type { GbdtConfig } from './config';

/** Slots per feature in a histogram: 256 bins (255 = missing) × (gradient, hessian, count). */
export const SLOTS = 256 * 3;

/**
 * scikit-learn's (and LightGBM's) support a category needs, in hessian-weighted rows, to take part
 * in a categorical split; it is also the smoothing added to its hessian when categories are ranked.
 */
const MIN_CAT_SUPPORT = 10;

/** The node whose split is sought: its sums and the bounds monotone constraints put on its children's values. */
export interface NodeStats {
  g: number;
  h: number;
  /** rows */
  c: number;
  /** the node's own value (clipped to its parent's bounds) */
  value: number;
  lo: number;
  hi: number;
}

export interface SplitChoice {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  gl: number;
  hl: number;
  cl: number;
  /** the children's values (unshrunk, clipped to the node's bounds) */
  vl: number;
  vr: number;
  /** categorical split: the category codes going left */
  cats: number[] | null;
}

/**
 * The better of two splits, the earlier one on a tie, and none under a gain of 1e-12: the one
 * reduction over features and threads, so a fit gives the same trees on any number of threads.
 */
export const betterSplit = (best: SplitChoice | null, s: SplitChoice | null): SplitChoice | null => (s && s.gain > (best?.gain ?? 1e-12) ? s : best);

/** What the split search reads besides the histogram. */
export interface SplitContext {
  cfg: GbdtConfig;
  bins: FeatureBins[];
  /** per feature: +1 / −1 monotone constraint, 0 none (null: no constraints at all) */
  monotone: Int8Array | null;
  /** per feature: 1 when it splits by category sets (its bins are its category codes) */
  categorical: Uint8Array | null;
}

/** A node's value: Newton step −G / (H + λ), clipped to the bounds monotone constraints set. */
export function nodeValue(g: number, h: number, l2: number, lo: number, hi: number): number {
  const v = -g / (h + l2);
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * The loss reduction of a split when values may be clipped (scikit-learn's form: the loss of a
 * node at value v is G·v, exact for the unclipped Newton step), or −1 when the children's values
 * go against the feature's monotone direction.
 */
function boundedGain(gl: number, hl: number, G: number, H: number, node: NodeStats, mono: number, l2: number): { gain: number; vl: number; vr: number } {
  const vl = nodeValue(gl, hl, l2, node.lo, node.hi);
  const vr = nodeValue(G - gl, H - hl, l2, node.lo, node.hi);
  if ((mono > 0 && vl > vr) || (mono < 0 && vl < vr)) return { gain: -1, vl, vr };
  return { gain: G * node.value - gl * vl - (G - gl) * vr, vl, vr };
}

/**
 * The best split of one feature whose histogram starts at `hb` in `hist` (a shard keeps only its
 * own features' histograms, so that is not f · SLOTS), or null when none reduces the loss.
 */
export function bestFeatureSplit(ctx: SplitContext, hist: Float64Array, hb: number, node: NodeStats, f: number): SplitChoice | null {
  if (ctx.bins[f].count < 2) return null;
  return ctx.categorical?.[f] ? bestCategorySplit(ctx, hist, hb, node, f) : bestThresholdSplit(ctx, hist, hb, node, f);
}

/** The best "bin ≤ b" split of feature f, missing rows tried on both sides. */
function bestThresholdSplit(ctx: SplitContext, hist: Float64Array, hb: number, node: NodeStats, f: number): SplitChoice | null {
  const { cfg } = ctx;
  const lambda = cfg.l2;
  const { g: G, h: H, c: C } = node;
  const parent = (G * G) / (H + lambda);
  const minLeaf = cfg.minSamplesLeaf;
  const minH = cfg.minChildWeight;
  const mono = ctx.monotone?.[f] ?? 0;
  // clipping only matters under a constraint: elsewhere the plain Newton gain, bit for bit as before
  const bounded = mono !== 0 || node.lo > -Infinity || node.hi < Infinity;
  const nb = ctx.bins[f].count;
  const mk = hb + MISSING * 3;
  const mg = hist[mk];
  const mh = hist[mk + 1];
  const mc = hist[mk + 2];
  const nonMissing = C - mc;
  // the best split so far in locals: this loop runs bins times per feature and node
  let bGain = 1e-12;
  let bBin = -1;
  let bMissingLeft = false;
  let bGl = 0;
  let bHl = 0;
  let bCl = 0;
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
    // missing rows to the right (written out twice, not as a closure: this is the hottest loop of training)
    let cr = C - cl;
    if (cl >= minLeaf && cr >= minLeaf && hl >= minH && H - hl >= minH) {
      const gr = G - gl;
      const gain = bounded ? boundedGain(gl, hl, G, H, node, mono, lambda).gain : (gl * gl) / (hl + lambda) + (gr * gr) / (H - hl + lambda) - parent;
      if (gain > bGain) {
        bGain = gain;
        bBin = (k - hb) / 3;
        // with no missing rows in this node, missing values follow the bigger side (scikit-learn's rule)
        bMissingLeft = mc === 0 && cl >= cr;
        bGl = gl;
        bHl = hl;
        bCl = cl;
      }
    }
    // missing rows to the left
    if (mc > 0) {
      const gl2 = gl + mg;
      const hl2 = hl + mh;
      const cl2 = cl + mc;
      cr = C - cl2;
      if (cl2 >= minLeaf && cr >= minLeaf && hl2 >= minH && H - hl2 >= minH) {
        const gr = G - gl2;
        const gain = bounded ? boundedGain(gl2, hl2, G, H, node, mono, lambda).gain : (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (H - hl2 + lambda) - parent;
        if (gain > bGain) {
          bGain = gain;
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
  if (bBin < 0) return null;
  const v = bounded ? boundedGain(bGl, bHl, G, H, node, mono, lambda) : { vl: nodeValue(bGl, bHl, lambda, -Infinity, Infinity), vr: nodeValue(G - bGl, H - bHl, lambda, -Infinity, Infinity) };
  return { feature: f, bin: bBin, missingLeft: bMissingLeft, gain: bGain, gl: bGl, hl: bHl, cl: bCl, vl: v.vl, vr: v.vr, cats: null };
}

/**
 * The best category-set split of feature f (Fisher's sorted-gradient method, as scikit-learn's
 * HistGradientBoosting and LightGBM do it): the node's categories with enough support (missing
 * counted as one more category) are ranked by G / (H + smoothing), and every prefix of that
 * order, scanned from both ends up to the middle, is a candidate left set. For a convex loss the
 * best two-group partition is among them, so k categories cost k log k instead of 2^k.
 * Categories with too little support always go right.
 */
function bestCategorySplit(ctx: SplitContext, hist: Float64Array, hb: number, node: NodeStats, f: number): SplitChoice | null {
  const { cfg } = ctx;
  const lambda = cfg.l2;
  const { g: G, h: H, c: C } = node;
  // hessians in row units: 1 for squared error, so the support is then a row count
  const support = C / H;
  const used: { bin: number; key: number }[] = [];
  const take = (bin: number) => {
    const k = hb + bin * 3;
    if (hist[k + 2] > 0 && hist[k + 1] * support >= MIN_CAT_SUPPORT) used.push({ bin, key: hist[k] / (hist[k + 1] + MIN_CAT_SUPPORT) });
  };
  for (let b = 0; b < ctx.bins[f].count; b++) take(b);
  const mc = hist[hb + MISSING * 3 + 2];
  if (mc > 0) take(MISSING);
  if (used.length <= 1) return null;
  // ties by code, so a seed always gives the same trees
  used.sort((a, b) => a.key - b.key || a.bin - b.bin);
  const minLeaf = cfg.minSamplesLeaf;
  const minH = cfg.minChildWeight;
  const mono = ctx.monotone?.[f] ?? 0;
  let best: SplitChoice | null = null;
  for (const dir of [1, -1]) {
    const middle = dir === 1 ? (used.length + 1) >> 1 : ((used.length + 1) >> 1) - 1;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let i = 0; i < middle; i++) {
      const k = hb + used[dir === 1 ? i : used.length - 1 - i].bin * 3;
      gl += hist[k];
      hl += hist[k + 1];
      cl += hist[k + 2];
      if (cl < minLeaf || hl < minH) continue;
      if (C - cl < minLeaf || H - hl < minH) break;
      const s = boundedGain(gl, hl, G, H, node, mono, lambda);
      if (s.gain > (best?.gain ?? 1e-12)) {
        const left = dir === 1 ? used.slice(0, i + 1) : used.slice(used.length - 1 - i);
        const cats = left.filter((u) => u.bin !== MISSING).map((u) => u.bin);
        // missing rows absent from the node: missing values (and unseen categories) follow the bigger side
        const missingLeft = mc > 0 ? cats.length < left.length : cl >= C - cl;
        best = { feature: f, bin: 0, missingLeft, gain: s.gain, gl, hl, cl, vl: s.vl, vr: s.vr, cats };
      }
    }
  }
  // cats may be empty: missing values alone go left
  return best;
}
