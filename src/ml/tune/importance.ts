import { normalizeValue, type Params, type SearchSpace } from './space';

/**
 * Parameter importance, an fANOVA-lite: for each parameter alone, how much of the spread of the
 * objective is explained by which bin its value fell in. Per parameter:
 *
 *   1. objective values → average ranks (a diverged trial's huge loss must not decide everything);
 *   2. the value → a bin: its category, or one of B equal-width bins of normalizeValue (log scale
 *      for log-uniform), B = clamp(⌊n/3⌋, 2, 5) so each bin can hold a few trials;
 *   3. ε² = (SS_between − (k − 1)·MS_within) / SS_total over the k non-empty bins, floored at 0.
 *      Plain η² would credit every parameter with (k − 1)/(n − 1) from noise alone, most of all on
 *      the dozen trials a browser search runs; ε² subtracts that expectation.
 *
 * Shares are ε² normalized to sum 1. Main effects only (no interactions, unlike full fANOVA),
 * which is what a ranking of "what mattered" needs. When nothing explains anything (too few
 * trials, or a flat objective) every parameter gets an equal share.
 */
export interface ParamImportance {
  name: string;
  importance: number;
}

export interface ImportanceInput {
  params: Params;
  value: number;
}

export function averageRanks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].v === order[s].v) e++;
    for (let j = s; j <= e; j++) ranks[order[j].i] = (s + e) / 2;
    s = e + 1;
  }
  return ranks;
}

/** Bias-corrected share of variance of `y` explained by grouping on `bins` (ε², floored at 0). */
export function explainedShare(bins: number[], y: number[]): number {
  const n = y.length;
  if (n < 3) return 0;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sst = y.reduce((a, v) => a + (v - mean) ** 2, 0);
  if (sst <= 0) return 0;
  const groups = new Map<number, { sum: number; n: number }>();
  bins.forEach((b, i) => {
    const g = groups.get(b) ?? { sum: 0, n: 0 };
    g.sum += y[i];
    g.n++;
    groups.set(b, g);
  });
  const k = groups.size;
  if (k < 2 || n <= k) return 0;
  let ssb = 0;
  for (const g of groups.values()) ssb += g.n * (g.sum / g.n - mean) ** 2;
  const msw = (sst - ssb) / (n - k);
  return Math.max(0, (ssb - (k - 1) * msw) / sst);
}

export function binCount(n: number): number {
  return Math.min(5, Math.max(2, Math.floor(n / 3)));
}

/** Importances from complete trials, most important first (space order on ties); shares sum to 1. */
export function paramImportance(space: SearchSpace, trials: ImportanceInput[]): ParamImportance[] {
  const usable = trials.filter((t) => Number.isFinite(t.value));
  const y = averageRanks(usable.map((t) => t.value));
  const B = binCount(usable.length);
  const raw = space.map((p) => {
    const bins: number[] = [];
    const ys: number[] = [];
    usable.forEach((t, i) => {
      const v = t.params[p.name];
      const u = v === undefined ? NaN : normalizeValue(p, v);
      if (Number.isNaN(u)) return;
      // categorical: one bin per choice; numeric: equal-width bins on the normalized scale
      bins.push(p.kind === 'categorical' ? Math.round(u * 1e6) : Math.min(B - 1, Math.floor(u * B)));
      ys.push(y[i]);
    });
    return explainedShare(bins, ys);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? raw.map((r) => r / total) : raw.map(() => 1 / Math.max(1, space.length));
  return space
    .map((p, i) => ({ name: p.name, importance: shares[i], i }))
    .sort((a, b) => b.importance - a.importance || a.i - b.i)
    .map(({ name, importance }) => ({ name, importance }));
}
