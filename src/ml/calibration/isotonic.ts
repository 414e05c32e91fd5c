/**
 * Increasing isotonic regression as scikit-learn 1.2's IsotonicRegression(out_of_bounds='clip'):
 * the same tie merging, the same pool-adjacent-violators pass and the same trimmed breakpoints, so
 * predictions agree to the last bits, not only to a tolerance.
 */
import { assertFinite, assertNonEmpty, assertSameLength, resolveWeights, type Num } from './checks';

/** Breakpoints of the fitted step-linear map, x strictly increasing. */
export interface IsotonicModel {
  x: number[];
  y: number[];
}

// np.finfo(np.float64).resolution: _make_unique treats x values closer than this as one value
const X_RESOLUTION = 1e-15;

/**
 * sklearn.isotonic._make_unique: runs of equal x (x sorted) become one point whose y is the
 * weighted mean and whose weight is the sum, accumulated in the same order as the Cython loop.
 */
function makeUnique(x: number[], y: number[], w: number[]): { x: number[]; y: number[]; w: number[] } {
  const out = { x: [] as number[], y: [] as number[], w: [] as number[] };
  let cx = x[0];
  let cy = 0;
  let cw = 0;
  for (let j = 0; j < x.length; j++) {
    if (x[j] - cx >= X_RESOLUTION) {
      out.x.push(cx);
      out.y.push(cy / cw);
      out.w.push(cw);
      cx = x[j];
      cw = w[j];
      cy = y[j] * w[j];
    } else {
      cw += w[j];
      cy += y[j] * w[j];
    }
  }
  out.x.push(cx);
  out.y.push(cy / cw);
  out.w.push(cw);
  return out;
}

/**
 * sklearn._isotonic._inplace_contiguous_isotonic_regression: one left-to-right pass that pools a
 * decreasing run into a block, then backtracks one block so a pooled mean that now violates its
 * left neighbour is merged at once (O(n) overall). Equal neighbours are pooled too (strict <).
 * target[i] = j and target[j] = i mark [i..j] as a block whose mean and weight live at i.
 */
function pava(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  const target = Int32Array.from({ length: n }, (_, i) => i);
  let i = 0;
  while (i < n) {
    let k = target[i] + 1;
    if (k === n) break;
    if (y[i] < y[k]) {
      i = k;
      continue;
    }
    let sumWy = w[i] * y[i];
    let sumW = w[i];
    for (;;) {
      const prevY = y[k];
      sumWy += w[k] * y[k];
      sumW += w[k];
      k = target[k] + 1;
      if (k === n || prevY < y[k]) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1];
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = target[i] + 1;
    y.fill(y[i], i + 1, k);
    i = k;
  }
}

/**
 * Fits a non-decreasing map from x to y. Rows with weight 0 are dropped (scikit-learn does the
 * same); of interior points whose y equals both neighbours' only the ends are kept, as
 * IsotonicRegression._build_y does with trim_duplicates, which leaves the interpolant unchanged.
 */
export function fitIsotonic(x: Num, y: Num, weights?: Num): IsotonicModel {
  assertSameLength('x', x, 'y', y);
  assertNonEmpty('x', x);
  assertFinite('x', x);
  assertFinite('y', y);
  const w = resolveWeights(weights, x.length);
  const order: number[] = [];
  for (let i = 0; i < x.length; i++) if (w[i] > 0) order.push(i);
  // np.lexsort((y, X)): by x, then y; Array.prototype.sort is stable, like lexsort, for full ties
  order.sort((i, j) => x[i] - x[j] || y[i] - y[j]);
  const u = makeUnique(
    order.map((i) => x[i]),
    order.map((i) => y[i]),
    order.map((i) => w[i]),
  );
  const fy = Float64Array.from(u.y);
  pava(fy, Float64Array.from(u.w));
  const n = fy.length;
  const model: IsotonicModel = { x: [], y: [] };
  for (let i = 0; i < n; i++) {
    const interior = i > 0 && i < n - 1;
    if (interior && fy[i - 1] === fy[i] && fy[i] === fy[i + 1]) continue;
    model.x.push(u.x[i]);
    model.y.push(fy[i]);
  }
  return model;
}

/**
 * np.interp(v, x, y) for v already inside [x₀, x_last]: the last breakpoint at or below v, then
 * slope·(v − x_j) + y_j, returning y_j exactly on a breakpoint (numpy's order of operations).
 */
function interp(xp: number[], fp: number[], v: number): number {
  const last = xp.length - 1;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (xp[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  if (lo === last || xp[lo] === v) return fp[lo];
  const slope = (fp[lo + 1] - fp[lo]) / (xp[lo + 1] - xp[lo]);
  return slope * (v - xp[lo]) + fp[lo];
}

/** Predictions with out_of_bounds='clip': inputs are clipped to [x₀, x_last], then interpolated. NaN stays NaN. */
export function predictIsotonic(model: IsotonicModel, xs: Num): Float64Array {
  const { x, y } = model;
  if (x.length === 0 || x.length !== y.length) throw new RangeError(`isotonic model needs equal, non-empty x and y (got ${x.length} and ${y.length})`);
  const out = new Float64Array(xs.length);
  const xMin = x[0];
  const xMax = x[x.length - 1];
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (Number.isNaN(v)) out[i] = NaN;
    // one breakpoint: scikit-learn predicts that constant everywhere
    else if (x.length === 1) out[i] = y[0];
    else out[i] = interp(x, y, Math.min(Math.max(v, xMin), xMax));
  }
  return out;
}
