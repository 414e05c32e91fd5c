import type { TaskKind } from '../task';

/** Logits → what metrics take: P(positive), class probabilities, or target-unit predictions. */
export function logitsToScores(kind: TaskKind, logits: Float32Array, classes: number, yMean = 0, yStd = 1): Float64Array {
  if (kind === 'binary') return Float64Array.from(logits, (z) => 1 / (1 + Math.exp(-z)));
  if (kind === 'regression') return Float64Array.from(logits, (z) => z * yStd + yMean);
  if (kind === 'multiclass') {
    const n = logits.length / classes;
    const out = new Float64Array(logits.length);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < classes; j++) max = Math.max(max, logits[i * classes + j]);
      let s = 0;
      for (let j = 0; j < classes; j++) s += out[i * classes + j] = Math.exp(logits[i * classes + j] - max);
      for (let j = 0; j < classes; j++) out[i * classes + j] /= s;
    }
    return out;
  }
  // ordinal: cumulative P(y > j), made non-increasing in j, then differenced into class probabilities
  const w = classes - 1;
  const n = logits.length / w;
  const out = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    let prev = 1;
    for (let j = 0; j < w; j++) {
      const c = Math.min(prev, 1 / (1 + Math.exp(-logits[i * w + j])));
      out[i * classes + j] = prev - c;
      prev = c;
    }
    out[i * classes + w] = prev;
  }
  return out;
}
