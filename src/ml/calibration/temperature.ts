/** Temperature scaling (Guo et al. 2017): one scalar T dividing all logits, fitted by mean NLL. */
import { assertClassLabels, assertFinite, assertNonEmpty, assertSameLength, resolveWeights, rowCount, type Num } from './checks';
import { softmaxRows } from './softmax';

export const TEMPERATURE_MIN = 0.05;
export const TEMPERATURE_MAX = 20;

interface Derivs {
  f: number;
  g: number;
  h: number;
}

/**
 * Weighted mean NLL as a function of the inverse temperature β = 1/T, with its first two
 * derivatives. In β the loss is a mean of log-sum-exp(β·z) − β·z_y, which is convex (f'' is the
 * mean variance of z under softmax(β·z)), so the 1-D search below cannot be misled by a local optimum.
 */
function nllInBeta(logits: Num, y: Num, k: number, w: Float64Array, wSum: number, beta: number): Derivs {
  const n = y.length;
  const e = new Float64Array(k);
  let f = 0;
  let g = 0;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
    let s = 0;
    for (let j = 0; j < k; j++) s += e[j] = Math.exp(beta * (logits[o + j] - max));
    let mean = 0;
    for (let j = 0; j < k; j++) mean += (e[j] / s) * logits[o + j];
    let v = 0;
    // two-pass variance: E[z²] − E[z]² cancels badly when logits are large and nearly equal
    for (let j = 0; j < k; j++) v += (e[j] / s) * (logits[o + j] - mean) ** 2;
    const zy = logits[o + y[i]];
    f += w[i] * (beta * (max - zy) + Math.log(s));
    g += w[i] * (mean - zy);
    h += w[i] * v;
  }
  return { f: f / wSum, g: g / wSum, h: h / wSum };
}

/**
 * T minimising the (weighted) mean NLL of softmax(logits / T) over T ∈ [0.05, 20].
 * Safeguarded Newton on β = 1/T inside a sign-change bracket of the derivative: Newton gives
 * quadratic convergence, the bracket (bisected whenever Newton leaves it) guarantees progress.
 */
export function fitTemperature(logits: Num, y: Num, k: number, weights?: Num): number {
  const n = rowCount('logits', logits, k);
  assertSameLength('y', y, 'logits rows', { length: n });
  assertNonEmpty('y', y);
  assertFinite('logits', logits);
  assertClassLabels('y', y, k);
  const w = resolveWeights(weights, n);
  const wSum = w.reduce((a, b) => a + b, 0);
  const at = (beta: number) => nllInBeta(logits, y, k, w, wSum, beta);

  let lo = 1 / TEMPERATURE_MAX;
  let hi = 1 / TEMPERATURE_MIN;
  const dLo = at(lo);
  const dHi = at(hi);
  // logits equal within every row carry no information about T: leave probabilities as they are
  if (dLo.h === 0 && dHi.h === 0) return 1;
  if (dLo.g >= 0) return TEMPERATURE_MAX;
  if (dHi.g <= 0) return TEMPERATURE_MIN;

  let beta = 1;
  for (let iter = 0; iter < 200; iter++) {
    const d = at(beta);
    if (d.g === 0) break;
    if (d.g > 0) hi = beta;
    else lo = beta;
    let next = d.h > 0 ? beta - d.g / d.h : NaN;
    if (!(next > lo && next < hi)) next = Math.sqrt(lo * hi);
    const step = Math.abs(next - beta);
    beta = next;
    if (step <= 1e-14 * beta || hi - lo <= 1e-15 * beta) break;
  }
  return 1 / beta;
}

/** Mean NLL of softmax(logits / T) at the true labels (what the fit minimises; for reporting). */
export function temperatureNll(logits: Num, y: Num, k: number, temperature: number): number {
  const n = rowCount('logits', logits, k);
  assertSameLength('y', y, 'logits rows', { length: n });
  assertClassLabels('y', y, k);
  return nllInBeta(logits, y, k, new Float64Array(n).fill(1), n, 1 / temperature).f;
}

/** Row-major class probabilities softmax(logits / T). */
export function applyTemperature(temperature: number, logits: Num, k: number): Float64Array {
  if (!(Number.isFinite(temperature) && temperature > 0)) throw new RangeError(`temperature must be a finite number > 0 (got ${temperature})`);
  return softmaxRows(logits, k, temperature);
}
