/** Row-wise softmax of row-major n×k logits, shared by temperature scaling and its apply step. */
import { rowCount, type Num } from './checks';

/** softmax(logits / temperature) per row; the row maximum is subtracted first so exp never overflows. */
export function softmaxRows(logits: Num, k: number, temperature = 1): Float64Array {
  const n = rowCount('logits', logits, k);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j] / temperature);
    let s = 0;
    for (let j = 0; j < k; j++) s += out[o + j] = Math.exp(logits[o + j] / temperature - max);
    for (let j = 0; j < k; j++) out[o + j] /= s;
  }
  return out;
}
