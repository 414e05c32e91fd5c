import { lstmLayout } from './lstm';
import type { SequenceTargets } from './sequence-loss';
import { sequenceLayout, type SequenceNetSpec } from './sequence-layout';

/**
 * An independent float64 career model (tests only): each sequence on its own, batch-major, with
 * plain nested loops — no time-major layout, no GEMMs, no shared buffers — so central differences
 * of its loss check the engine's hand-written backward. `featureMask` multiplies the final state
 * (a dropout mask replayed). Returns the weighted multi-task loss.
 */
export function sequenceLoss64(spec: SequenceNetSpec, p: ArrayLike<number>, ids: Int32Array, batch: number, steps: number, t: SequenceTargets, weights: { tenure: number; hire: number }, featureMask?: ArrayLike<number>): number {
  const L = sequenceLayout(spec);
  const E = spec.embeddingDim;
  const H = spec.hiddenUnits;
  const F = L.featureDim;
  const V = spec.vocabSize;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const run = (at: number, inDim: number, xs: number[][], mask: boolean[]): number[][] => {
    const l = lstmLayout(inDim, H, at);
    let h = new Array<number>(H).fill(0);
    let c = new Array<number>(H).fill(0);
    return xs.map((x, s) => {
      if (mask[s]) {
        const z = Array.from({ length: 4 * H }, (_, j) => {
          let v = p[l.bias + j];
          for (let i = 0; i < inDim; i++) v += x[i] * p[l.kernel + i * 4 * H + j];
          for (let i = 0; i < H; i++) v += h[i] * p[l.recurrent + i * 4 * H + j];
          return v;
        });
        const nc = c.map((cv, j) => sig(z[H + j]) * cv + sig(z[j]) * Math.tanh(z[2 * H + j]));
        h = nc.map((cv, j) => sig(z[3 * H + j]) * Math.tanh(cv));
        c = nc;
      }
      return h.slice();
    });
  };
  let ce = 0;
  let sq = 0;
  let known = 0;
  let bce = 0;
  for (let b = 0; b < batch; b++) {
    const seq = Array.from(ids.subarray(b * steps, (b + 1) * steps));
    const mask = seq.map((id) => id !== 0);
    let xs = seq.map((id) => Array.from({ length: E }, (_, j) => p[L.embedding + id * E + j]));
    let feature: number[] = [];
    L.lstm.forEach((layer, l) => {
      const inDim = l === 0 ? E : F;
      const fwd = run(layer[0].kernel, inDim, xs, mask);
      const bwd = spec.bidirectional ? run(layer[1].kernel, inDim, [...xs].reverse(), [...mask].reverse()) : null;
      feature = [...fwd[steps - 1], ...(bwd ? bwd[steps - 1] : [])];
      const back = bwd ? [...bwd].reverse() : null;
      xs = fwd.map((h, s) => [...h, ...(back ? back[s] : [])]);
    });
    if (featureMask) feature = feature.map((v, j) => v * featureMask[b * F + j]);
    const head = (i: number, j: number) => {
      const h = L.heads[i];
      let v = p[h.bias + j];
      for (let f = 0; f < F; f++) v += feature[f] * p[h.kernel + f * h.outDim + j];
      return v;
    };
    const logits = Array.from({ length: V }, (_, j) => head(0, j));
    const max = Math.max(...logits);
    const logS = Math.log(logits.reduce((s, z) => s + Math.exp(z - max), 0)) + max;
    ce -= logits[t.title[b]] - logS;
    const d = head(1, 0) - t.tenure[b];
    sq += d * d * t.tenureMask[b];
    known += t.tenureMask[b];
    const z = head(2, 0);
    bce += Math.max(z, 0) - z * t.hire[b] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return ce / batch + weights.tenure * (sq / Math.max(known, 1)) + weights.hire * (bce / batch);
}
