/**
 * The versioned calibrator file (schemas/calibrator.schema.json): fitting one from held-out scores,
 * applying it, and reading one back. The studio, the CLI and stored runs all go through here, so a
 * calibrator downloaded from one applies identically in the others.
 */
import { assertBinaryLabels, assertPositiveInt, assertSameLength } from './checks';
import { fitIsotonic, predictIsotonic } from './isotonic';
import { applyPlatt, fitPlatt } from './platt';
import { applyTemperature, fitTemperature } from './temperature';
import { validateCalibrator } from './validate';

export const CALIBRATOR_FORMAT = 'kiln.calibrator';
export const CALIBRATOR_VERSION = 1;

export interface FittedOn {
  rows: number;
  split: string;
  created_at: string;
  positives?: number;
  classes?: string[];
  source?: string;
}

/** What Platt's a·f + b is applied to; a probability is first mapped to its logit. */
export type PlattInput = 'decision' | 'logit' | 'probability';

export type CalibratorJson =
  | { format: 'kiln.calibrator'; version: 1; method: 'isotonic'; params: { x: number[]; y: number[]; out_of_bounds: 'clip' }; fitted_on: FittedOn }
  | { format: 'kiln.calibrator'; version: 1; method: 'platt'; params: { a: number; b: number; input: PlattInput }; fitted_on: FittedOn }
  | { format: 'kiln.calibrator'; version: 1; method: 'temperature'; params: { temperature: number; classes: number }; fitted_on: FittedOn };

export type CalibrationMethod = CalibratorJson['method'];

export interface CalibratorInput {
  /** 0/1 labels (isotonic, platt) or class indices 0..classes−1 (temperature) */
  y: ArrayLike<number>;
  /** one score per row (isotonic, platt) or row-major n×classes logits (temperature) */
  scores: ArrayLike<number>;
  /** class count; required for temperature, ignored otherwise */
  classes?: number;
  weights?: ArrayLike<number>;
}

// keeps a probability of exactly 0 or 1 from becoming an infinite logit
const PROB_CLIP = 1e-12;

function toPlattFeature(scores: ArrayLike<number>, input: PlattInput): ArrayLike<number> {
  if (input !== 'probability') return scores;
  return Float64Array.from(scores, (p) => {
    const c = Math.min(Math.max(p, PROB_CLIP), 1 - PROB_CLIP);
    return Math.log(c / (1 - c));
  });
}

/** Only the fields that are set, so the JSON has no undefined keys and matches the schema's closed object. */
function cleanFittedOn(f: FittedOn): FittedOn {
  const out: FittedOn = { rows: f.rows, split: f.split, created_at: f.created_at };
  if (f.positives !== undefined) out.positives = f.positives;
  if (f.classes !== undefined) out.classes = [...f.classes];
  if (f.source !== undefined) out.source = f.source;
  return out;
}

export function fitCalibrator(method: CalibrationMethod, input: CalibratorInput, fittedOn: FittedOn, opts: { plattInput?: PlattInput } = {}): CalibratorJson {
  const { y, scores, weights } = input;
  const fitted_on = cleanFittedOn(fittedOn);
  const head = { format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION } as const;
  let json: CalibratorJson;
  if (method === 'temperature') {
    const classes = input.classes;
    if (classes === undefined) throw new RangeError('temperature scaling needs input.classes');
    assertPositiveInt('input.classes', classes, 2);
    json = { ...head, method, params: { temperature: fitTemperature(scores, y, classes, weights), classes }, fitted_on };
  } else if (method === 'isotonic' || method === 'platt') {
    assertSameLength('y', y, 'scores', scores);
    assertBinaryLabels('y', y);
    if (method === 'isotonic') {
      const m = fitIsotonic(scores, y, weights);
      json = { ...head, method, params: { x: m.x, y: m.y, out_of_bounds: 'clip' }, fitted_on };
    } else {
      const plattInput = opts.plattInput ?? 'decision';
      const m = fitPlatt(toPlattFeature(scores, plattInput), y, weights);
      json = { ...head, method, params: { a: m.a, b: m.b, input: plattInput }, fitted_on };
    }
  } else {
    throw new RangeError(`unknown calibration method ${JSON.stringify(method)}`);
  }
  // a degenerate fit (say, non-finite inputs that slipped through) must fail here, not when the file is read back
  return validateCalibrator(json);
}

/**
 * Calibrated probabilities: one P(positive) per score for isotonic and platt, row-major n×classes
 * probabilities from logits for temperature.
 */
export function applyCalibrator(json: CalibratorJson, scores: ArrayLike<number>): Float64Array {
  switch (json.method) {
    case 'isotonic':
      return predictIsotonic(json.params, scores);
    case 'platt':
      return applyPlatt(json.params, toPlattFeature(scores, json.params.input));
    case 'temperature':
      return applyTemperature(json.params.temperature, scores, json.params.classes);
    default: {
      // reachable only from untyped callers handing over an object that skipped parseCalibrator
      const method: unknown = (json as { method: unknown }).method;
      throw new Error(`calibrator: unknown method ${JSON.stringify(method)}`);
    }
  }
}

/** Reads a calibrator file; throws an Error naming the field at fault. */
export function parseCalibrator(text: string): CalibratorJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`calibrator: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  return validateCalibrator(value);
}
