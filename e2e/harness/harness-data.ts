import { mulberry32, permutation } from '../../src/ml/data/rng';
import { outputWidth } from '../../src/ml/models/tabular/config';
import type { FitArrays } from '../../src/ml/models/tabular/train-loop';
import type { TaskKind } from '../../src/ml/task';
import { randomArray, randomTargets } from '../../src/ml/engine/test-helpers';
import { DenseNet, denseLayout, type DenseNetSpec } from '../../src/ml/engine/dense-net';
import { jsKernels } from '../../src/ml/engine/js-kernels';
import { Workspace } from '../../src/ml/engine/workspace';

/** Random arrays for a task, as parity.test.ts makes them. */
export function randomArrays(kind: TaskKind, classes: number, d: number, nTrain: number, nVal: number, seed: number): FitArrays {
  const w = outputWidth(kind, classes);
  return { xTrain: randomArray(nTrain * d, seed), yTrain: randomTargets(kind, nTrain, w, seed + 1), nTrain, xVal: randomArray(nVal * d, seed + 2), yVal: randomTargets(kind, nVal, w, seed + 3), nVal, inputDim: d, targetWidth: w };
}

/** Glorot-uniform-like kernels and zero biases from a seed, in TF.js's getWeights() order. */
export function initialWeights(spec: DenseNetSpec, seed: number): Float32Array[] {
  return denseLayout(spec).layers.flatMap((L, i) => [randomArray(L.inDim * L.outDim, seed + i, Math.sqrt(6 / (L.inDim + L.outDim))), new Float32Array(L.outDim)]);
}

/**
 * public/samples/wine.csv (the sample the studio's specs train on): 13 standardised features, the
 * cultivar one-hot, a seeded 80/20 split. Written out here so the harness needs nothing of the app.
 */
export async function wineArrays(): Promise<FitArrays & { valLabels: number[] }> {
  const text = await (await fetch('/samples/wine.csv')).text();
  const lines = text.trim().split('\n').slice(1);
  const classes = ['class_0', 'class_1', 'class_2'];
  const rows = lines.map((l) => l.split(','));
  const d = rows[0].length - 1;
  const x = rows.map((r) => r.slice(0, d).map(Number));
  const y = rows.map((r) => classes.indexOf(r[d].trim()));
  for (let j = 0; j < d; j++) {
    const mean = x.reduce((s, r) => s + r[j], 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, r) => s + (r[j] - mean) ** 2, 0) / x.length) || 1;
    for (const r of x) r[j] = (r[j] - mean) / sd;
  }
  const order = permutation(x.length, mulberry32(7));
  const nVal = Math.round(x.length * 0.2);
  const val = Array.from(order.subarray(0, nVal));
  const train = Array.from(order.subarray(nVal));
  const xs = (idx: number[]) => Float32Array.from(idx.flatMap((i) => x[i]));
  const ys = (idx: number[]) => Float32Array.from(idx.flatMap((i) => classes.map((_, c) => (c === y[i] ? 1 : 0))));
  return { xTrain: xs(train), yTrain: ys(train), nTrain: train.length, xVal: xs(val), yVal: ys(val), nVal, inputDim: d, targetWidth: 3, valLabels: val.map((i) => y[i]) };
}

/** Accuracy of multiclass logits against labels. */
export function accuracy(logits: Float32Array, labels: number[], width: number): number {
  let right = 0;
  labels.forEach((label, r) => {
    let best = 0;
    for (let j = 1; j < width; j++) if (logits[r * width + j] > logits[r * width + best]) best = j;
    if (best === label) right++;
  });
  return right / labels.length;
}

/** The outputs of `n` rows of x (no dropout) under per-tensor weights, on the CPU engine's reference JS kernels. */
export function cpuForward(spec: DenseNetSpec, weights: Float32Array[], x: Float32Array, n: number): Float32Array {
  const probe = Workspace.measure();
  new DenseNet(spec, jsKernels, n, probe);
  const net = new DenseNet(spec, jsKernels, n, Workspace.sized(probe.floats + 64));
  net.input.set(x.subarray(0, n * spec.inputDim));
  const p = new Float32Array(denseLayout(spec).size);
  let at = 0;
  for (const w of weights) p.set(w, (at += w.length) - w.length);
  return net.forward(p, n).slice();
}
