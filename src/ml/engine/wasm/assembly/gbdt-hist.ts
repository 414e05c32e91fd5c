// The gradient-boosted trees' two hot loops (src/ml/models/gbdt/wasm-hist-engine.ts calls them):
// building one feature's gradient/hessian/count histogram over a node's rows, and scanning it for
// the best "bin ≤ b" split. They mirror hist-shard.ts's build and split.ts's bestThresholdSplit
// (its unconstrained path) operation for operation, in f64, so they choose bit for bit the same
// splits; V8 runs the same loops ~3× slower in JavaScript (bounds checks on every typed-array access).
//
// A feature's histogram is 256 × (gradient, hessian, count) f64 triples; bin 255 is MISSING.
// Only bins [0, count) and MISSING are written and read.

// @ts-ignore: decorator
@inline const MISSING_OFF: usize = 255 * 24;

/**
 * hist (a feature's 256 × 3 f64) = the sums over rows idx[start, end) of that feature's codes
 * (codes: its column, one byte per training row), og / oh: the gradients in idx's order.
 */
export function histBuild(hist: usize, codes: usize, idx: usize, og: usize, oh: usize, start: i32, end: i32, count: i32): void {
  memory.fill(hist, 0, <usize>count * 24);
  store<f64>(hist + MISSING_OFF, 0);
  store<f64>(hist + MISSING_OFF + 8, 0);
  store<f64>(hist + MISSING_OFF + 16, 0);
  for (let i = start; i < end; i++) {
    const row = load<i32>(idx + (<usize>i << 2));
    const k = hist + <usize>load<u8>(codes + <usize>row) * 24;
    const o = <usize>i << 3;
    store<f64>(k, load<f64>(k) + load<f64>(og + o));
    store<f64>(k + 8, load<f64>(k + 8) + load<f64>(oh + o));
    store<f64>(k + 16, load<f64>(k + 16) + 1.0);
  }
}

/** from −= sub over bins [0, count) and MISSING (a parent's histogram becomes its large child's). */
export function histSubtract(from: usize, sub: usize, count: i32): void {
  // count · 3 f64s, two at a time (a tail f64 when count is odd), then the missing bin's three
  const end = <usize>count * 24;
  const pairs = end & ~(<usize>15);
  for (let k: usize = 0; k < pairs; k += 16) v128.store(from + k, f64x2.sub(v128.load(from + k), v128.load(sub + k)));
  if (pairs < end) store<f64>(from + pairs, load<f64>(from + pairs) - load<f64>(sub + pairs));
  for (let k: usize = MISSING_OFF; k < MISSING_OFF + 24; k += 8) store<f64>(from + k, load<f64>(from + k) - load<f64>(sub + k));
}

/**
 * gl² / (hl + λ) + gr² / (hr + λ) with both divisions in one f64x2.div: the division is the scan's
 * bottleneck, and each lane rounds exactly as the scalar division does, so the sum is bit for bit
 * split.ts's.
 */
// @ts-ignore: decorator
@inline function sides(gl: f64, hl: f64, gr: f64, hr: f64, lambda: f64): f64 {
  const q = f64x2.div(f64x2(gl * gl, gr * gr), f64x2(hl + lambda, hr + lambda));
  return f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
}

/** Bit i set when bin from + i (from ≤ bin < to, at most 64 of them) holds rows. */
// @ts-ignore: decorator
@inline function occupied(hist: usize, from: i32, to: i32): u64 {
  let m: u64 = 0;
  for (let b = from; b < to; b++) m |= <u64>(load<f64>(hist + <usize>b * 24 + 16) != 0) << <u64>(b - from);
  return m;
}

/**
 * The best unconstrained "bin ≤ b" split of one feature, missing rows tried on both sides (split.ts's
 * bestThresholdSplit without bounds). Writes gain, bin, missingLeft, gl, hl, cl as f64 at out and
 * returns 1, or returns 0 when no split beats a gain of 1e-12.
 */
export function histScan(hist: usize, count: i32, G: f64, H: f64, C: f64, minLeaf: f64, minH: f64, lambda: f64, out: usize): i32 {
  const parent = (G * G) / (H + lambda);
  const mg = load<f64>(hist + MISSING_OFF);
  const mh = load<f64>(hist + MISSING_OFF + 8);
  const mc = load<f64>(hist + MISSING_OFF + 16);
  const nonMissing = C - mc;
  let bGain: f64 = 1e-12;
  let bBin: i32 = -1;
  let bMissingLeft: f64 = 0;
  let bGl: f64 = 0;
  let bHl: f64 = 0;
  let bCl: f64 = 0;
  let gl: f64 = 0;
  let hl: f64 = 0;
  let cl: f64 = 0;
  const last = count - 1;
  // Only the occupied bins are visited: an empty bin gives the same split as the bin before it,
  // and deep in a tree most bins are empty, at random places, so "skip it" was a mispredicted
  // branch about every other bin. Instead each 64 bins' occupancy becomes a bit mask in one
  // branch-free pass, and the scan walks its set bits.
  let word: i32 = 0;
  let bits: u64 = occupied(hist, 0, min(64, last));
  for (;;) {
    while (bits == 0) {
      word++;
      if (word * 64 >= last) break;
      bits = occupied(hist, word * 64, min(word * 64 + 64, last));
    }
    if (bits == 0) break;
    const b = word * 64 + <i32>ctz(bits);
    bits &= bits - 1;
    const k = hist + <usize>b * 24;
    const n = load<f64>(k + 16);
    gl += load<f64>(k);
    hl += load<f64>(k + 8);
    cl += n;
    // left only grows from here: once the right side is under the minimum, no later bin can split
    if (C - cl < minLeaf) break;
    if (cl < minLeaf && cl + mc < minLeaf) continue;
    // missing rows to the right
    let cr = C - cl;
    if (cl >= minLeaf && cr >= minLeaf && hl >= minH && H - hl >= minH) {
      const gain = sides(gl, hl, G - gl, H - hl, lambda) - parent;
      if (gain > bGain) {
        bGain = gain;
        bBin = b;
        // with no missing rows in this node, missing values follow the bigger side
        bMissingLeft = mc == 0 && cl >= cr ? 1 : 0;
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
        const gain = sides(gl2, hl2, G - gl2, H - hl2, lambda) - parent;
        if (gain > bGain) {
          bGain = gain;
          bBin = b;
          bMissingLeft = 1;
          bGl = gl2;
          bHl = hl2;
          bCl = cl2;
        }
      }
    }
    // every non-missing row is left now: the bins after this one are empty
    if (cl >= nonMissing) break;
  }
  if (bBin < 0) return 0;
  store<f64>(out, bGain);
  store<f64>(out + 8, <f64>bBin);
  store<f64>(out + 16, bMissingLeft);
  store<f64>(out + 24, bGl);
  store<f64>(out + 32, bHl);
  store<f64>(out + 40, bCl);
  return 1;
}

/**
 * Stable in-place partition of the rows idx[start, end) by their codes in one feature's column:
 * rows whose code has goLeft[code] = 1 first, in order, then the rest (through scratch). Returns
 * the boundary. grow.ts's JavaScript partition does the same, ~3× slower on a million rows.
 */
export function partitionRows(idx: usize, scratch: usize, codes: usize, goLeft: usize, start: i32, end: i32): i32 {
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = load<i32>(idx + (<usize>i << 2));
    if (load<u8>(goLeft + <usize>load<u8>(codes + <usize>row))) {
      store<i32>(idx + (<usize>l << 2), row);
      l++;
    } else {
      store<i32>(scratch + (<usize>r << 2), row);
      r++;
    }
  }
  memory.copy(idx + (<usize>l << 2), scratch, <usize>r << 2);
  return l;
}
