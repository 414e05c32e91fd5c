import { mulberry32 } from '../data/rng';
import type { TaskKind } from '../task';
import type { LabeledPairs } from '../data/labeled-pairs';
import { DenseNet, denseLayout, type DenseNetSpec } from './dense-net';
import { SELU_ALPHA, SELU_SCALE, type Kernels } from './kernels';
import { Workspace } from './workspace';

/** Uniform values in [-scale, scale) from a seed. */
export function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
}

/** Targets of a task for `rows` rows (targetMatrix's layout). */
export function randomTargets(kind: TaskKind, rows: number, width: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const t = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    if (kind === 'multiclass') t[r * width + Math.floor(rng() * width)] = 1;
    else if (kind === 'ordinal') {
      const y = Math.floor(rng() * (width + 1));
      for (let j = 0; j < width; j++) t[r * width + j] = y > j ? 1 : 0;
    } else for (let j = 0; j < width; j++) t[r * width + j] = kind === 'regression' ? rng() * 2 - 1 : rng() < 0.4 ? 1 : 0;
  }
  return t;
}

/** A DenseNet on `kernels` with its parameters and gradient in one workspace, sized for `rows`. */
export function denseFixture(spec: DenseNetSpec, kernels: Kernels, rows: number, seed = 1) {
  const probe = Workspace.measure();
  new DenseNet(spec, kernels, rows, probe);
  const size = denseLayout(spec).size;
  const ws = Workspace.sized(probe.floats + 2 * size + 8, 64);
  const params = ws.alloc(size);
  const grad = ws.alloc(size);
  params.set(randomArray(size, seed, 0.5));
  const net = new DenseNet(spec, kernels, rows, ws);
  return { net, params, grad, ws };
}

function act64(x: number, a: DenseNetSpec['activation']): number {
  switch (a) {
    case 'relu':
      return Math.max(0, x);
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'selu':
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
    default:
      return x;
  }
}

/**
 * The loss of a DenseNet in float64, written independently of the engine (no kernels, no
 * workspace): the reference finite differences are taken on.
 */
export function denseLoss64(spec: DenseNetSpec, params: ArrayLike<number>, x: ArrayLike<number>, t: ArrayLike<number>, rows: number, masks: ArrayLike<number>[] = []): number {
  const layout = denseLayout(spec);
  let a: number[] = Array.from(x);
  for (const [l, L] of layout.layers.entries()) {
    const out: number[] = new Array(rows * L.outDim).fill(0);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < L.outDim; j++) {
        let s = params[L.bias + j];
        for (let i = 0; i < L.inDim; i++) s += a[r * L.inDim + i] * params[L.kernel + i * L.outDim + j];
        out[r * L.outDim + j] = l === layout.layers.length - 1 ? s : act64(s, spec.activation) * (masks[l]?.[r * L.outDim + j] ?? 1);
      }
    a = out;
  }
  const w = spec.outputDim;
  let loss = 0;
  if (spec.task === 'multiclass') {
    for (let r = 0; r < rows; r++) {
      const z = a.slice(r * w, r * w + w);
      const m = Math.max(...z);
      const lse = Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) + m;
      for (let j = 0; j < w; j++) loss -= t[r * w + j] * (z[j] - lse);
    }
    loss /= rows;
  } else if (spec.task === 'regression') {
    for (let i = 0; i < rows * w; i++) loss += (a[i] - t[i]) ** 2;
    loss /= rows * w;
  } else {
    for (let i = 0; i < rows * w; i++) loss += Math.max(a[i], 0) - a[i] * t[i] + Math.log1p(Math.exp(-Math.abs(a[i])));
    loss /= rows * w;
  }
  let sq = 0;
  for (const L of layout.layers) for (let i = 0; i < L.inDim * L.outDim; i++) sq += params[L.kernel + i] ** 2;
  return loss + spec.l2 * sq;
}

/** max |a − b| over max |b|: one scale for a whole gradient, so near-zero entries do not dominate. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / Math.max(den, 1e-30);
}

/** n labeled pairs of a pool of `pool` items (never an item with itself): a third ties, the rest decisive either way. */
export function mixedPairs(n: number, pool: number, seed: number): LabeledPairs {
  const rng = mulberry32(seed);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = Math.floor(rng() * pool);
    b[i] = (a[i] + 1 + Math.floor(rng() * (pool - 1))) % pool;
    const u = rng();
    y[i] = u < 1 / 3 ? 0 : u < 2 / 3 ? 1 : -1;
  }
  return { a, b, y };
}
