import type { Rng } from '../data/rng';

/**
 * The Parzen estimators TPE compares, after Optuna's univariate `_ParzenEstimator` (v3): one
 * truncated Gaussian per observation plus a wide prior kernel for numeric parameters, and a
 * smoothed one-hot per observation plus a uniform prior for categorical ones.
 */

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Complementary error function with fractional error < 1.2e-7 everywhere (Numerical Recipes'
 * erfcc). Relative, not absolute, accuracy matters here: kernels far from a point contribute
 * tail masses that a 1 − erf formulation would round to zero or to noise.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** P(a < Z < b) for a standard normal, computed on the tail side so that far-out intervals keep their precision. */
export function normalMass(a: number, b: number): number {
  if (a >= 0) return 0.5 * (erfc(a / SQRT2) - erfc(b / SQRT2));
  if (b <= 0) return 0.5 * (erfc(-b / SQRT2) - erfc(-a / SQRT2));
  return 1 - 0.5 * erfc(-a / SQRT2) - 0.5 * erfc(b / SQRT2);
}

export function standardNormal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the log argument off zero since rng() ∈ [0, 1)
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function logSumExp(xs: number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

function pickIndex(weights: number[], rng: Rng): number {
  const u = rng();
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (u < acc) return i;
  }
  return weights.length - 1;
}

/**
 * Optuna's `default_weights`: equal weights up to 25 observations, then the older ones fade
 * linearly so that the estimator follows where the search has moved. Input is in trial order.
 */
export function observationWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

function normalized(ws: number[]): number[] {
  const s = ws.reduce((a, b) => a + b, 0);
  return ws.map((w) => w / s);
}

export interface NumericParzen {
  low: number;
  high: number;
  /** int parameters: kernel mass is integrated over ±step/2 instead of read as a density */
  step: number | null;
  mus: number[];
  sigmas: number[];
  weights: number[];
}

/**
 * Kernels on observations `xs` (in the parameter's internal scale: log for log-uniform) within
 * [low, high]. Each bandwidth is the larger gap to its sorted neighbours (Optuna's univariate
 * rule, endpoints not counted), clipped to [(high − low) / min(100, 1 + n), high − low] — the
 * "magic clip" that stops a tight cluster collapsing into spikes; the prior kernel sits mid-range
 * with σ = high − low so unexplored regions keep some mass.
 */
export function numericParzen(xs: number[], low: number, high: number, step: number | null, priorWeight: number): NumericParzen {
  const range = high - low;
  const mus = [...xs, 0.5 * (low + high)];
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
  const sorted = order.map((i) => mus[i]);
  const withEnds = [low, ...sorted, high];
  const sortedSigmas = sorted.map((_, j) => Math.max(withEnds[j + 1] - withEnds[j], withEnds[j + 2] - withEnds[j + 1]));
  if (sorted.length >= 2) {
    sortedSigmas[0] = sorted[1] - sorted[0];
    sortedSigmas[sorted.length - 1] = sorted[sorted.length - 1] - sorted[sorted.length - 2];
  }
  const sigmas = new Array<number>(mus.length);
  order.forEach((orig, j) => (sigmas[orig] = sortedSigmas[j]));
  const minSigma = range / Math.min(100, 1 + mus.length);
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = Math.min(range, Math.max(minSigma, sigmas[i]));
  sigmas[sigmas.length - 1] = range;
  return { low, high, step, mus, sigmas, weights: normalized([...observationWeights(xs.length), priorWeight]) };
}

export function sampleNumeric(pe: NumericParzen, rng: Rng): number {
  const k = pickIndex(pe.weights, rng);
  const mu = pe.mus[k];
  const sigma = pe.sigmas[k];
  // rejection is cheap: μ lies inside the range and σ ≤ range, so ≥ 34% of draws land inside
  for (let tries = 0; tries < 200; tries++) {
    const x = mu + sigma * standardNormal(rng);
    if (x >= pe.low && x <= pe.high) return x;
  }
  return Math.min(pe.high, Math.max(pe.low, mu));
}

export function logPdfNumeric(pe: NumericParzen, x: number): number {
  const terms = pe.mus.map((mu, k) => {
    const s = pe.sigmas[k];
    const logZ = Math.log(Math.max(normalMass((pe.low - mu) / s, (pe.high - mu) / s), 1e-300));
    if (pe.step !== null) {
      const h = pe.step / 2;
      const m = normalMass((x - h - mu) / s, (x + h - mu) / s);
      return Math.log(pe.weights[k]) + Math.log(Math.max(m, 1e-300)) - logZ;
    }
    const z = (x - mu) / s;
    return Math.log(pe.weights[k]) - 0.5 * z * z - Math.log(s) - LOG_SQRT_2PI - logZ;
  });
  return logSumExp(terms);
}

/**
 * Categorical mixture collapsed to one distribution: each observation contributes a one-hot
 * smoothed by priorWeight / (n + 1) on every choice (Optuna's rows), the prior a uniform row.
 */
export function categoricalParzen(indices: number[], k: number, priorWeight: number): number[] {
  const w = normalized([...observationWeights(indices.length), priorWeight]);
  const fill = priorWeight / (indices.length + 1);
  const p = new Array<number>(k).fill(0);
  indices.forEach((idx, i) => {
    const rowSum = k * fill + 1;
    for (let c = 0; c < k; c++) p[c] += (w[i] * (fill + (c === idx ? 1 : 0))) / rowSum;
  });
  for (let c = 0; c < k; c++) p[c] += w[w.length - 1] / k;
  return p;
}

export function sampleCategorical(p: number[], rng: Rng): number {
  return pickIndex(p, rng);
}
