/**
 * Shape checks for calibrator files, mirroring schemas/calibrator.schema.json, plus what a JSON
 * Schema cannot say (equal-length, increasing breakpoints). Errors name the field's path, because
 * the person reading them is fixing a file by hand or debugging an exporter.
 */
import type { CalibratorJson, FittedOn, PlattInput } from './calibrator';

type Obj = Record<string, unknown>;

const fail = (path: string, why: string): never => {
  throw new Error(`calibrator: ${path} ${why}`);
};

// top-level fields are named bare ("format"), nested ones by their path ("params.a")
const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function object(v: unknown, path: string, allowed: string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path || 'the file', `must be an object (got ${Array.isArray(v) ? 'an array' : show(v)})`);
  // closed objects, as in the schema: a misspelt key would otherwise be silently ignored
  for (const key of Object.keys(v)) if (!allowed.includes(key)) fail(at(path, key), 'is not a known field');
  return v as Obj;
}

function present(o: Obj, key: string, path: string): unknown {
  if (!(key in o) || o[key] === undefined) fail(at(path, key), 'is missing');
  return o[key];
}

function finite(o: Obj, key: string, path: string): number {
  const v = present(o, key, path);
  // JSON.parse turns 1e999 into Infinity, so finiteness is worth checking even on parsed text
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(at(path, key), `must be a finite number (got ${show(v)})`);
  return v as number;
}

function integer(o: Obj, key: string, path: string, min: number): number {
  const v = finite(o, key, path);
  if (!Number.isInteger(v) || v < min) fail(at(path, key), `must be an integer ≥ ${min} (got ${v})`);
  return v;
}

function string(o: Obj, key: string, path: string): string {
  const v = present(o, key, path);
  if (typeof v !== 'string') fail(at(path, key), `must be a string (got ${show(v)})`);
  return v as string;
}

function oneOf<T extends string>(o: Obj, key: string, path: string, options: readonly T[]): T {
  const v = present(o, key, path);
  if (!options.includes(v as T)) fail(at(path, key), `must be one of ${options.map((s) => JSON.stringify(s)).join(', ')} (got ${show(v)})`);
  return v as T;
}

function finiteArray(o: Obj, key: string, path: string): number[] {
  const v = present(o, key, path);
  if (!Array.isArray(v) || v.length === 0) return fail(at(path, key), 'must be a non-empty array of numbers');
  v.forEach((x: unknown, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${at(path, key)}[${i}]`, `must be a finite number (got ${show(x)})`);
  });
  return [...(v as number[])];
}

function fittedOn(v: unknown): FittedOn {
  const path = 'fitted_on';
  const o = object(v, path, ['rows', 'split', 'created_at', 'positives', 'classes', 'source']);
  const out: FittedOn = { rows: integer(o, 'rows', path, 0), split: string(o, 'split', path), created_at: string(o, 'created_at', path) };
  if (o.positives !== undefined) out.positives = integer(o, 'positives', path, 0);
  if (o.source !== undefined) out.source = string(o, 'source', path);
  if (o.classes !== undefined) {
    if (!Array.isArray(o.classes)) fail(`${path}.classes`, 'must be an array of strings');
    out.classes = (o.classes as unknown[]).map((c, i) => (typeof c === 'string' ? c : fail(`${path}.classes[${i}]`, `must be a string (got ${show(c)})`)));
  }
  return out;
}

/** Checks an already-parsed value and returns a fresh, well-typed copy of it. */
export function validateCalibrator(value: unknown): CalibratorJson {
  const top = object(value, '', ['format', 'version', 'method', 'params', 'fitted_on']);
  const format = present(top, 'format', '');
  if (format !== 'kiln.calibrator') fail('format', `must be "kiln.calibrator" (got ${show(format)})`);
  const version = present(top, 'version', '');
  if (version !== 1) fail('version', `${show(version)} is not supported: this build reads version 1`);
  const method = oneOf(top, 'method', '', ['isotonic', 'platt', 'temperature'] as const);
  const fitted_on = fittedOn(present(top, 'fitted_on', ''));
  const head = { format: 'kiln.calibrator', version: 1 } as const;
  const path = 'params';
  const raw = present(top, 'params', '');

  if (method === 'isotonic') {
    const p = object(raw, path, ['x', 'y', 'out_of_bounds']);
    const x = finiteArray(p, 'x', path);
    const y = finiteArray(p, 'y', path);
    if (x.length !== y.length) fail('params.y', `has ${y.length} values but params.x has ${x.length}`);
    for (let i = 1; i < x.length; i++) {
      if (!(x[i] > x[i - 1])) fail(`params.x[${i}]`, `must be greater than params.x[${i - 1}] (breakpoints are strictly increasing)`);
      if (y[i] < y[i - 1]) fail(`params.y[${i}]`, `must not be below params.y[${i - 1}] (an isotonic map never decreases)`);
    }
    return { ...head, method, params: { x, y, out_of_bounds: oneOf(p, 'out_of_bounds', path, ['clip'] as const) }, fitted_on };
  }
  if (method === 'platt') {
    const p = object(raw, path, ['a', 'b', 'input']);
    const input: PlattInput = oneOf(p, 'input', path, ['decision', 'logit', 'probability'] as const);
    return { ...head, method, params: { a: finite(p, 'a', path), b: finite(p, 'b', path), input }, fitted_on };
  }
  const p = object(raw, path, ['temperature', 'classes']);
  const temperature = finite(p, 'temperature', path);
  if (!(temperature > 0)) fail('params.temperature', `must be > 0 (got ${temperature})`);
  return { ...head, method, params: { temperature, classes: integer(p, 'classes', path, 2) }, fitted_on };
}
