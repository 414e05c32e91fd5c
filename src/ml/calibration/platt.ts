/** Platt scaling exactly as scikit-learn's _sigmoid_calibration: p = 1 / (1 + exp(a·f + b)). */
import { assertFinite, assertNonEmpty, assertSameLength, resolveWeights, type Num } from './checks';

export interface PlattModel {
  a: number;
  b: number;
}

/** log(1 + e^z) without overflow for large z or lost precision for very negative z. */
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

/** 1 / (1 + e^z), evaluated on the side where the exponential cannot overflow. */
export function sigmoidNeg(z: number): number {
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
}

interface State {
  loss: number;
  ga: number;
  gb: number;
  haa: number;
  hab: number;
  hbb: number;
}

/**
 * Platt's smoothed-target log loss with its gradient and Hessian in (a, b). With z = a·f + b and
 * P = σ(−z), the loss per row is T·softplus(z) + (1 − T)·softplus(−z), dℓ/dz = T − P and
 * d²ℓ/dz² = P(1 − P); scikit-learn's objective and grad are the same functions.
 */
function evaluate(f: Num, t: Float64Array, w: Float64Array, a: number, b: number): State {
  const s: State = { loss: 0, ga: 0, gb: 0, haa: 0, hab: 0, hbb: 0 };
  for (let i = 0; i < f.length; i++) {
    const z = a * f[i] + b;
    const p = sigmoidNeg(z);
    s.loss += w[i] * (t[i] * softplus(z) + (1 - t[i]) * softplus(-z));
    const r = w[i] * (t[i] - p);
    s.ga += r * f[i];
    s.gb += r;
    const h = w[i] * p * (1 - p);
    s.haa += h * f[i] * f[i];
    s.hab += h * f[i];
    s.hbb += h;
  }
  return s;
}

/**
 * Fits (a, b) on decision values f and labels y (positive when y > 0, as scikit-learn counts them).
 * scikit-learn runs BFGS from a = 0, b = log((N₀ + 1)/(N₁ + 1)); the loss is strictly convex when f
 * varies, so Newton's method with backtracking from the same start reaches the same optimum, in
 * fewer steps and to full double precision (the Hessian gets 1e-12 on its diagonal, as in
 * Lin, Lin & Weng 2007, so a constant f does not make it singular).
 */
export function fitPlatt(decision: Num, y: Num, sampleWeight?: Num): PlattModel {
  assertSameLength('decision', decision, 'y', y);
  assertNonEmpty('decision', decision);
  assertFinite('decision', decision);
  assertFinite('y', y);
  const w = resolveWeights(sampleWeight, y.length);
  let prior0 = 0;
  let prior1 = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 0) prior1 += w[i];
    else prior0 += w[i];
  }
  // Platt's Bayesian targets: never exactly 0 or 1, so the optimum is finite even for separable data
  const hiT = (prior1 + 1) / (prior1 + 2);
  const loT = 1 / (prior0 + 2);
  const t = Float64Array.from(y, (v) => (v > 0 ? hiT : loT));

  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  let s = evaluate(decision, t, w, a, b);
  for (let iter = 0; iter < 100; iter++) {
    const haa = s.haa + 1e-12;
    const hbb = s.hbb + 1e-12;
    const det = haa * hbb - s.hab * s.hab;
    const da = -(hbb * s.ga - s.hab * s.gb) / det;
    const db = -(haa * s.gb - s.hab * s.ga) / det;
    const slope = s.ga * da + s.gb * db;
    // the Newton decrement (−slope ≈ 2·(loss − optimum)) is at rounding level: converged
    if (!(slope < -1e-20 * (1 + Math.abs(s.loss)))) break;
    let step = 1;
    let accepted: State | null = null;
    while (step >= 1e-10) {
      const cand = evaluate(decision, t, w, a + step * da, b + step * db);
      // close to the optimum a full Newton step is safe even when rounding hides the decrease
      if (cand.loss <= s.loss + 1e-4 * step * slope || (step === 1 && -slope < 1e-10 * (1 + Math.abs(s.loss)))) {
        accepted = cand;
        break;
      }
      step /= 2;
    }
    if (accepted === null) break;
    a += step * da;
    b += step * db;
    s = accepted;
    if (Math.abs(step * da) <= 1e-15 * (1 + Math.abs(a)) && Math.abs(step * db) <= 1e-15 * (1 + Math.abs(b))) break;
  }
  return { a, b };
}

/** Calibrated P(y = 1) = 1 / (1 + exp(a·f + b)) per decision value. */
export function applyPlatt(model: PlattModel, decision: Num): Float64Array {
  return Float64Array.from(decision, (f) => sigmoidNeg(model.a * f + model.b));
}
