/** Multiclass metrics over row-major probability matrices [n × k]. */
type Num = ArrayLike<number>;

export function argmaxRows(probs: Num, k: number): Int32Array {
  const n = probs.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

export function accuracy(y: Num, pred: Num): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === pred[i]) ok++;
  return ok / y.length;
}

export function confusionMatrix(y: Num, pred: Num, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < y.length; i++) m[y[i]][pred[i]]++;
  return m;
}

/** Macro-averaged F1 over the k classes (scikit-learn's f1_score(average='macro') with labels=range(k)). */
export function f1Macro(y: Num, pred: Num, k: number): number {
  const m = confusionMatrix(y, pred, k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const tp = m[c][c];
    let fp = 0;
    let fn = 0;
    for (let j = 0; j < k; j++) {
      if (j !== c) {
        fp += m[j][c];
        fn += m[c][j];
      }
    }
    const denom = 2 * tp + fp + fn;
    sum += denom === 0 ? 0 : (2 * tp) / denom;
  }
  return sum / k;
}

/** Mean NLL of the true class; rows are renormalised and clipped as scikit-learn's log_loss. */
export function multiclassLogLoss(y: Num, probs: Num, k: number, eps = 1e-15): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += probs[i * k + j];
    const q = Math.min(Math.max(probs[i * k + y[i]] / rowSum, eps), 1 - eps);
    s -= Math.log(q);
  }
  return s / y.length;
}

/**
 * Top-k accuracy as scikit-learn's top_k_accuracy_score: the true class is a hit when fewer than
 * k classes rank above it (ranking = stable ascending sort reversed, so among tied scores the
 * higher class index ranks first).
 */
export function topKAccuracy(y: Num, probs: Num, k: number, top: number): number {
  const n = y.length;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const s = probs[i * k + y[i]];
    let above = 0;
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j];
      if (v > s || (v === s && j > y[i])) above++;
    }
    if (above < top) hits++;
  }
  return hits / n;
}

export interface PerClass {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export function perClass(y: Num, pred: Num, k: number): PerClass {
  const m = confusionMatrix(y, pred, k);
  const out: PerClass = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < k; c++) {
    const tp = m[c][c];
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < k; j++) {
      predicted += m[j][c];
      actual += m[c][j];
    }
    out.precision.push(predicted ? tp / predicted : 0);
    out.recall.push(actual ? tp / actual : 0);
    out.f1.push(predicted + actual ? (2 * tp) / (predicted + actual) : 0);
    out.support.push(actual);
  }
  return out;
}

/** Micro F1 over single-label classes equals accuracy; computed from counts to say so plainly. */
export function f1Micro(y: Num, pred: Num): number {
  return accuracy(y, pred);
}

export function f1Weighted(y: Num, pred: Num, k: number): number {
  const pc = perClass(y, pred, k);
  const n = pc.support.reduce((a, b) => a + b, 0);
  return pc.f1.reduce((a, f, c) => a + f * pc.support[c], 0) / n;
}
