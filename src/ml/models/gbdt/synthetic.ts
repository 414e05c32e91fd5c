import { mulberry32 } from '../../data/rng';
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
