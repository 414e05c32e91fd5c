import { activate } from '../../engine/js-kernels';
import { actCode } from '../../engine/kernels';
import { termIndex, transformTfidf, type TfidfModel } from '../../text/tfidf';
import type { SectionsActivation } from './config';

/**
 * A trained section classifier in plain arrays (structured-clone safe): the TF-IDF it reads, the
 * dense layers (kernel [in × out] row-major, then bias, per layer: TF.js's getWeights() order, as
 * the engine trains them), the softmax temperature, and the held-out figures the floor rule needs.
 */
export interface SectionsModel {
  format: 'kiln.sections';
  version: 1;
  labels: string[];
  tfidf: TfidfModel;
  /** hidden widths (empty: multinomial logistic regression) */
  hidden: number[];
  activation: SectionsActivation;
  weights: Float32Array[];
  /** softmax(logits / temperature): 1 when not calibrated */
  temperature: number;
  /** accuracy on the test rows (never fitted on); under MIN_USEFUL_ACCURACY every decision falls back to the whole text */
  heldOutAccuracy: number;
  floor: number;
}

/** Dense TF-IDF rows (float32, row-major n × vocabulary), as the network reads them. */
export function tfidfMatrix(t: TfidfModel, texts: readonly string[]): Float32Array {
  const V = t.vocabulary.length;
  const index = termIndex(t);
  const x = new Float32Array(texts.length * V);
  texts.forEach((text, r) => {
    const v = transformTfidf(t, text, index);
    for (let k = 0; k < v.indices.length; k++) x[r * V + v.indices[k]] = v.values[k];
  });
  return x;
}

/**
 * Logits of texts, in float64 from the float32 weights: the numbers the ONNX graph computes in
 * float32, so the parity check measures only float32 rounding. TF-IDF rows are sparse and the
 * first layer reads only their nonzeros.
 */
export function sectionLogits(m: SectionsModel, texts: readonly string[]): Float64Array {
  const k = m.labels.length;
  const index = termIndex(m.tfidf);
  const act = actCode(m.activation);
  const widths = [m.tfidf.vocabulary.length, ...m.hidden, k];
  const out = new Float64Array(texts.length * k);
  texts.forEach((text, r) => {
    const v = transformTfidf(m.tfidf, text, index);
    let h = new Float64Array(widths[1]);
    const [w0, b0] = [m.weights[0], m.weights[1]];
    for (let j = 0; j < widths[1]; j++) h[j] = b0[j];
    for (let q = 0; q < v.indices.length; q++) {
      const row = v.indices[q] * widths[1];
      for (let j = 0; j < widths[1]; j++) h[j] += v.values[q] * w0[row + j];
    }
    for (let l = 1; l < widths.length - 1; l++) {
      for (let j = 0; j < h.length; j++) h[j] = activate(h[j], act);
      const [w, b] = [m.weights[2 * l], m.weights[2 * l + 1]];
      const next = Float64Array.from(b);
      for (let i = 0; i < h.length; i++) for (let j = 0; j < next.length; j++) next[j] += h[i] * w[i * next.length + j];
      h = next;
    }
    out.set(h, r * k);
  });
  return out;
}

/** Calibrated class probabilities (row-major n × classes): softmax(logits / temperature). */
export function sectionProbabilities(m: SectionsModel, texts: readonly string[]): Float64Array {
  return softmaxTemperature(sectionLogits(m, texts), m.labels.length, m.temperature);
}

export function softmaxTemperature(logits: ArrayLike<number>, k: number, temperature: number): Float64Array {
  const out = new Float64Array(logits.length);
  for (let o = 0; o < logits.length; o += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j] / temperature);
    let s = 0;
    for (let j = 0; j < k; j++) s += out[o + j] = Math.exp(logits[o + j] / temperature - max);
    for (let j = 0; j < k; j++) out[o + j] /= s;
  }
  return out;
}
