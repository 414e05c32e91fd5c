import type { Rng } from '../data/rng';

/**
 * A hyperparameter search space: a flat list of independent parameters, in the shapes Optuna's
 * `suggest_float` / `suggest_float(log=True)` / `suggest_int` / `suggest_categorical` take. It is
 * plain data so a study can be stored with its runs and re-opened.
 */
export type ParamValue = string | number | boolean;
export type ParamKind = 'uniform' | 'log-uniform' | 'int' | 'categorical';

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  /** numeric kinds: inclusive bounds */
  low?: number;
  high?: number;
  /** int only: grid spacing from `low` (default 1); values above `high` on the grid are never drawn */
  step?: number;
  /** categorical only */
  choices?: ParamValue[];
}

export type SearchSpace = ParamSpec[];
export type Params = Record<string, ParamValue>;

const KINDS: readonly ParamKind[] = ['uniform', 'log-uniform', 'int', 'categorical'];

function isChoice(v: unknown): v is ParamValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function paramErrors(p: ParamSpec): string[] {
  const label = p.name || '(unnamed parameter)';
  const errs: string[] = [];
  if (!KINDS.includes(p.kind)) return [`${label}: unknown kind "${String(p.kind)}" (use ${KINDS.join(', ')})`];
  if (p.kind === 'categorical') {
    const c = p.choices;
    if (!Array.isArray(c) || c.length === 0) return [`${label}: a categorical parameter needs at least one choice`];
    if (!c.every(isChoice)) errs.push(`${label}: choices must be strings, finite numbers or booleans`);
    // choices are matched by value when trials are read back; two equal choices would be indistinguishable
    const seen = new Set(c.map((v) => `${typeof v}:${String(v)}`));
    if (seen.size !== c.length) errs.push(`${label}: choices must be distinct`);
    return errs;
  }
  const { low, high } = p;
  if (typeof low !== 'number' || !Number.isFinite(low) || typeof high !== 'number' || !Number.isFinite(high)) {
    return [`${label}: a ${p.kind} parameter needs finite low and high`];
  }
  if (p.kind === 'int') {
    if (!Number.isInteger(low) || !Number.isInteger(high)) errs.push(`${label}: low and high must be integers`);
    if (low > high) errs.push(`${label}: low (${low}) must be ≤ high (${high})`);
    if (p.step !== undefined && !(Number.isInteger(p.step) && p.step >= 1)) errs.push(`${label}: step must be a positive integer`);
    return errs;
  }
  if (!(low < high)) errs.push(`${label}: low (${low}) must be < high (${high})`);
  if (p.kind === 'log-uniform' && !(low > 0)) errs.push(`${label}: a log-uniform range needs low > 0 (got ${low})`);
  if (p.step !== undefined) errs.push(`${label}: step applies to int parameters only`);
  return errs;
}

/** Human-readable problems, each naming its parameter; empty when the space can be searched. */
export function validateSpace(space: SearchSpace): string[] {
  if (space.length === 0) return ['the search space has no parameters'];
  const errs: string[] = [];
  const names = new Set<string>();
  for (const p of space) {
    if (!p.name || !p.name.trim()) errs.push('every parameter needs a name');
    else if (names.has(p.name)) errs.push(`${p.name}: the name is used twice`);
    names.add(p.name);
    errs.push(...paramErrors(p));
  }
  return errs;
}

/** Numeric bounds; the zero defaults are only ever seen by a space that failed validation. */
export function bounds(p: ParamSpec): { low: number; high: number } {
  return { low: p.low ?? 0, high: p.high ?? 0 };
}

export function intStep(p: ParamSpec): number {
  return p.step ?? 1;
}

/** The largest grid value ≤ high: `high` itself may be off the grid when (high − low) is not a multiple of step. */
export function intTop(p: ParamSpec): number {
  const { low, high } = bounds(p);
  const step = intStep(p);
  return low + Math.floor((high - low) / step) * step;
}

/** Snaps a continuous draw to the nearest grid value inside [low, top]. */
export function snapInt(p: ParamSpec, x: number): number {
  const { low } = bounds(p);
  const step = intStep(p);
  const k = Math.round((x - low) / step);
  return Math.min(intTop(p), Math.max(low, low + k * step));
}

export function sampleParam(p: ParamSpec, rng: Rng): ParamValue {
  const { low, high } = bounds(p);
  switch (p.kind) {
    case 'uniform':
      return low + rng() * (high - low);
    case 'log-uniform':
      return Math.exp(Math.log(low) + rng() * (Math.log(high) - Math.log(low)));
    case 'int': {
      const n = Math.floor((intTop(p) - low) / intStep(p)) + 1;
      return low + Math.min(n - 1, Math.floor(rng() * n)) * intStep(p);
    }
    case 'categorical': {
      const c = p.choices ?? [];
      return c[Math.min(c.length - 1, Math.floor(rng() * c.length))];
    }
  }
}

/** One independent uniform draw per parameter (log-uniform: uniform in log space), in space order so a seed fixes the draw. */
export function sampleRandom(space: SearchSpace, rng: Rng): Params {
  const out: Params = {};
  for (const p of space) out[p.name] = sampleParam(p, rng);
  return out;
}

/** Index of a categorical value, or −1 (a trial stored under an older space). */
export function choiceIndex(p: ParamSpec, value: ParamValue): number {
  return (p.choices ?? []).findIndex((c) => c === value);
}

/**
 * A parameter value on [0, 1], for importance binning and parallel-coordinate axes: linear for
 * uniform/int, linear in log for log-uniform (so 1e-4…1e-2 spreads evenly), index/(k−1) for
 * categorical. Numbers outside the range are clamped; a value the space cannot hold gives NaN.
 */
export function normalizeValue(p: ParamSpec, value: ParamValue): number {
  if (p.kind === 'categorical') {
    const k = (p.choices ?? []).length;
    const i = choiceIndex(p, value);
    if (i < 0) return NaN;
    return k <= 1 ? 0.5 : i / (k - 1);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return NaN;
  const { low, high } = bounds(p);
  const top = p.kind === 'int' ? intTop(p) : high;
  if (top === low) return 0.5;
  const t = p.kind === 'log-uniform' ? (Math.log(Math.max(value, low)) - Math.log(low)) / (Math.log(top) - Math.log(low)) : (value - low) / (top - low);
  return Math.min(1, Math.max(0, t));
}

/** A stored value TPE can learn from: a known choice, or a number in range (trials saved under an older, wider space are skipped). */
export function inSpace(p: ParamSpec, value: ParamValue | undefined): boolean {
  if (value === undefined) return false;
  if (p.kind === 'categorical') return choiceIndex(p, value) >= 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const { low } = bounds(p);
  const top = p.kind === 'int' ? intTop(p) : bounds(p).high;
  return value >= low && value <= top;
}
