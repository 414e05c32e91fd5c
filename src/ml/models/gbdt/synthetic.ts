import { mulberry32 } from '../../data/rng';
import type { Frame } from '../../data/frame';
import type { TaskKind } from '../../task';

export interface SyntheticTable {
  x: Float32Array;
  y: Float64Array;
  names: string[];
  classes: number;
}

/**
 * A seeded table for tests and benchmarks: a few informative features (one nonlinear), the rest
 * noise, `missingRate` of cells NaN, and a target of the requested kind from a latent score.
 * Ordinal grades cut the latent score at fixed quantile-like points, so they are truly ordered.
 */
export function syntheticTable(kind: TaskKind, rows: number, cols: number, opts: { seed?: number; missingRate?: number; classes?: number; noise?: number } = {}): SyntheticTable {
  const rng = mulberry32(opts.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const classes = kind === 'binary' ? 2 : kind === 'regression' ? 1 : (opts.classes ?? 4);
  const x = new Float32Array(rows * cols);
  const y = new Float64Array(rows);
  const noise = opts.noise ?? 0.5;
  const informative = Math.min(cols, 8);
  for (let i = 0; i < rows; i++) {
    let z = 0;
    for (let f = 0; f < cols; f++) {
      const v = gauss();
      x[i * cols + f] = v;
      if (f < informative) z += (f === 1 ? Math.abs(v) - 0.8 : v) / (1 + f * 0.5);
    }
    if (cols > 2) x[i * cols + 2] = Math.round(x[i * cols + 2] * 2) / 2; // heavy ties
    z += noise * gauss();
    if (kind === 'regression') y[i] = 10 * z + 50;
    else if (kind === 'binary') y[i] = z > 0.3 ? 1 : 0;
    else if (kind === 'multiclass') {
      // classes by direction in the first two features, not by an ordering
      const a = Math.atan2(x[i * cols] + 0.3 * gauss(), (cols > 1 ? x[i * cols + 1] : 0) + 0.3 * gauss());
      y[i] = Math.min(classes - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * classes));
    } else {
      let g = 0;
      for (let c = 1; c < classes; c++) if (z > -1.5 + (3 * c) / classes) g = c;
      y[i] = g;
    }
  }
  const missing = opts.missingRate ?? 0;
  if (missing > 0) for (let k = 0; k < x.length; k++) if (rng() < missing) x[k] = NaN;
  return { x, y, names: Array.from({ length: cols }, (_, f) => `f${f}`), classes };
}

/**
 * A binary table whose target hangs on a 40-level category `shop` (strings "s00".."s39", 4%
 * missing) through an interaction: the category's effect flips with the sign of `x1`, so no one
 * global order of the categories (what an ordinal code gives) serves both halves of the data,
 * while a split can re-rank them inside each half. `x2` adds a plain linear effect.
 */
export function syntheticCategoryFrame(rows: number, seed = 5): Frame {
  const t = syntheticCategoryTable(rows, seed);
  return {
    rowCount: rows,
    columns: [
      { name: 'shop', dtype: 'categorical', values: t.shop },
      { name: 'x1', dtype: 'numeric', values: t.x1 },
      { name: 'x2', dtype: 'numeric', values: t.x2 },
      { name: 'bought', dtype: 'numeric', values: t.y },
    ],
  } as Frame;
}

function syntheticCategoryTable(rows: number, seed: number): { shop: (string | null)[]; x1: Float64Array; x2: Float64Array; y: Float64Array } {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const levels = 40;
  const a = Array.from({ length: levels }, () => 1.6 * gauss());
  const b = Array.from({ length: levels }, () => 1.6 * gauss());
  const shop: (string | null)[] = [];
  const x1 = new Float64Array(rows);
  const x2 = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rng() * levels);
    const missing = rng() < 0.04;
    x1[i] = gauss();
    x2[i] = gauss();
    const effect = missing ? 1.5 : x1[i] > 0 ? a[c] : b[c];
    const logit = effect + 0.7 * x2[i];
    y[i] = rng() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    shop.push(missing ? null : `s${String(c).padStart(2, '0')}`);
  }
  return { shop, x1, x2, y };
}
