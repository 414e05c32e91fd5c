import type { TaskKind } from '../../task';

/**
 * Loss functions in the form boosting needs: a starting score, per-row gradient and hessian of the
 * loss with respect to each raw score, the loss itself, and the map from raw scores to predictions.
 * Scores are row-major n × outputs.
 *
 * Ordinal uses the cumulative link (proportional odds): one latent score s per row and K−1 ordered
 * thresholds θ, P(grade ≤ k) = σ(θ_k − s). Chosen over K−1 separate "grade > k" models because
 * the grade distribution is valid by construction (no crossing cumulative curves to repair), one
 * tree per round instead of K−1 (the training budget stays that of a binary model), and the ONNX
 * graph is one tree ensemble plus a few elementwise ops. The thresholds are fitted along with the
 * trees: a Newton step on θ after each round, with s held fixed.
 */
export interface OrdinalState {
  thresholds: Float64Array;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const EPS = 1e-15;
/** smallest gap kept between neighbouring ordinal thresholds (an empty grade keeps a sliver) */
const MIN_GAP = 1e-3;

export interface Objective {
  kind: TaskKind;
  outputs: number;
  classes: number;
  init(y: Float64Array): Float64Array;
  /** fills grad/hess (length n) for output k */
  gradHess(y: Float64Array, scores: Float64Array, k: number, grad: Float64Array, hess: Float64Array): void;
  /** mean loss (log loss, mean squared error, ordinal negative log-likelihood) */
  loss(y: Float64Array, scores: Float64Array): number;
  /** after each round (ordinal: re-fit thresholds) */
  afterRound?(y: Float64Array, scores: Float64Array): void;
  /** predictions: P(positive) for binary, n × K probabilities for multiclass and ordinal, values for regression */
  predict(scores: Float64Array): Float64Array;
}

export function makeObjective(kind: TaskKind, classes: number, ordinal?: OrdinalState): Objective {
  switch (kind) {
    case 'binary':
      return binaryObjective();
    case 'regression':
      return regressionObjective();
    case 'multiclass':
      return softmaxObjective(classes);
    case 'ordinal':
      return ordinalObjective(classes, ordinal ?? { thresholds: new Float64Array(classes - 1) });
  }
}

function binaryObjective(): Objective {
  return {
    kind: 'binary',
    outputs: 1,
    classes: 2,
    init(y) {
      const p = Math.min(1 - 1e-6, Math.max(1e-6, mean(y)));
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradHess(y, s, _k, g, h) {
      for (let i = 0; i < y.length; i++) {
        const p = sigmoid(s[i]);
        g[i] = p - y[i];
        h[i] = Math.max(p * (1 - p), 1e-16);
      }
    },
    loss(y, s) {
      let l = 0;
      for (let i = 0; i < y.length; i++) {
        const p = Math.min(1 - EPS, Math.max(EPS, sigmoid(s[i])));
        l -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
      }
      return l / y.length;
    },
    predict: (s) => s.map(sigmoid),
  };
}

function regressionObjective(): Objective {
  return {
    kind: 'regression',
    outputs: 1,
    classes: 1,
    init: (y) => Float64Array.of(mean(y)),
    gradHess(y, s, _k, g, h) {
      for (let i = 0; i < y.length; i++) {
        g[i] = s[i] - y[i];
        h[i] = 1;
      }
    },
    loss(y, s) {
      let l = 0;
      for (let i = 0; i < y.length; i++) l += (s[i] - y[i]) ** 2;
      return l / y.length;
    },
    predict: (s) => Float64Array.from(s),
  };
}

function softmaxRows(s: Float64Array, k: number): Float64Array {
  const out = new Float64Array(s.length);
  for (let i = 0; i < s.length; i += k) {
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, s[i + j]);
    let z = 0;
    for (let j = 0; j < k; j++) z += out[i + j] = Math.exp(s[i + j] - m);
    for (let j = 0; j < k; j++) out[i + j] /= z;
  }
  return out;
}

function softmaxObjective(k: number): Objective {
  let probs: Float64Array | null = null;
  return {
    kind: 'multiclass',
    outputs: k,
    classes: k,
    init(y) {
      const counts = new Float64Array(k);
      for (const v of y) counts[v]++;
      return counts.map((c) => Math.log(Math.max(c, 1) / y.length));
    },
    gradHess(y, s, c, g, h) {
      // one softmax per round, shared by the K trees of that round
      if (c === 0 || probs === null) probs = softmaxRows(s, k);
      for (let i = 0; i < y.length; i++) {
        const p = probs[i * k + c];
        g[i] = p - (y[i] === c ? 1 : 0);
        h[i] = Math.max(p * (1 - p), 1e-16);
      }
    },
    loss(y, s) {
      const p = softmaxRows(s, k);
      let l = 0;
      for (let i = 0; i < y.length; i++) l -= Math.log(Math.max(EPS, p[i * k + y[i]]));
      return l / y.length;
    },
    predict: (s) => softmaxRows(s, k),
  };
}

/** P(grade = c) for one latent score under the cumulative link. */
export function ordinalProbs(s: number, theta: ArrayLike<number>, out: Float64Array, offset: number): void {
  const k = theta.length + 1;
  let prev = 0;
  for (let c = 0; c < k - 1; c++) {
    const cum = sigmoid(theta[c] - s);
    out[offset + c] = cum - prev;
    prev = cum;
  }
  out[offset + k - 1] = 1 - prev;
}

function ordinalObjective(k: number, state: OrdinalState): Objective {
  const theta = state.thresholds;
  const dens = (z: number) => {
    const p = sigmoid(z);
    return p * (1 - p);
  };
  // f'(z) for the logistic density
  const dens1 = (z: number) => {
    const p = sigmoid(z);
    return p * (1 - p) * (1 - 2 * p);
  };
  /** upper and lower boundaries for grade c: a = θ_c − s, b = θ_{c−1} − s (±∞ at the ends) */
  const bounds = (c: number, s: number): [number, number] => [c < k - 1 ? theta[c] - s : Infinity, c > 0 ? theta[c - 1] - s : -Infinity];
  const F = (z: number) => (z === Infinity ? 1 : z === -Infinity ? 0 : sigmoid(z));
  const f = (z: number) => (Number.isFinite(z) ? dens(z) : 0);
  const f1 = (z: number) => (Number.isFinite(z) ? dens1(z) : 0);
  return {
    kind: 'ordinal',
    outputs: 1,
    classes: k,
    init(y) {
      // thresholds at the logits of the training grades' cumulative shares, s = 0
      const counts = new Float64Array(k);
      for (const v of y) counts[v]++;
      let cum = 0;
      for (let c = 0; c < k - 1; c++) {
        cum += counts[c];
        const p = Math.min(1 - 1e-4, Math.max(1e-4, cum / y.length));
        theta[c] = Math.log(p / (1 - p));
      }
      enforceOrder(theta);
      return Float64Array.of(0);
    },
    gradHess(y, s, _k, g, h) {
      for (let i = 0; i < y.length; i++) {
        const [a, b] = bounds(y[i], s[i]);
        const p = Math.max(EPS, F(a) - F(b));
        // L = −log(F(a) − F(b)); a and b move with −s
        const dp = -f(a) + f(b);
        const d2p = f1(a) - f1(b);
        g[i] = -dp / p;
        h[i] = Math.max((dp / p) ** 2 - d2p / p, 1e-16);
      }
    },
    loss(y, s) {
      let l = 0;
      for (let i = 0; i < y.length; i++) {
        const [a, b] = bounds(y[i], s[i]);
        l -= Math.log(Math.max(EPS, F(a) - F(b)));
      }
      return l / y.length;
    },
    afterRound(y, s) {
      const g = new Float64Array(k - 1);
      const h = new Float64Array(k - 1);
      for (let i = 0; i < y.length; i++) {
        const c = y[i];
        const [a, b] = bounds(c, s[i]);
        const p = Math.max(EPS, F(a) - F(b));
        if (c < k - 1) {
          g[c] -= f(a) / p;
          h[c] += (f(a) / p) ** 2 - f1(a) / p;
        }
        if (c > 0) {
          g[c - 1] += f(b) / p;
          h[c - 1] += (f(b) / p) ** 2 + f1(b) / p;
        }
      }
      for (let c = 0; c < k - 1; c++) if (h[c] > 1e-12) theta[c] -= Math.max(-1, Math.min(1, g[c] / h[c]));
      enforceOrder(theta);
    },
    predict(s) {
      const out = new Float64Array(s.length * k);
      for (let i = 0; i < s.length; i++) ordinalProbs(s[i], theta, out, i * k);
      return out;
    },
  };
}

function enforceOrder(theta: Float64Array): void {
  for (let c = 1; c < theta.length; c++) if (theta[c] < theta[c - 1] + MIN_GAP) theta[c] = theta[c - 1] + MIN_GAP;
}

function mean(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return s / y.length;
}
