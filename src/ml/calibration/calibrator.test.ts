import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { reference, referenceSeeds } from '../../test-utils/fixtures';
import { applyCalibrator, fitCalibrator, parseCalibrator, type CalibratorJson, type FittedOn } from './calibrator';
import { predictIsotonic } from './isotonic';
import { applyPlatt } from './platt';
import { applyTemperature } from './temperature';

type Ref = Record<string, unknown>;
const arr = (r: Ref, k: string) => r[k] as number[];
const fittedOn: FittedOn = { rows: 400, split: 'validation', created_at: '2024-01-01T00:00:00.000Z', positives: 200, source: 'run-1' };

describe.each(referenceSeeds())('fitCalibrator / applyCalibrator reproduce the fixtures (reference-%i)', (seed) => {
  const ref = reference(seed);
  const b = ref.binary;
  const y = arr(b, 'y_true');
  const m = ref.multiclass;
  const k = m.k as number;
  const logits = (m.logits as number[][]).flat();

  it('isotonic on probabilities', () => {
    const iso = b.isotonic as Ref;
    const cal = fitCalibrator('isotonic', { y, scores: arr(b, 'y_prob') }, fittedOn);
    expect(cal).toMatchObject({ format: 'kiln.calibrator', version: 1, method: 'isotonic', params: { out_of_bounds: 'clip' }, fitted_on: fittedOn });
    expectClose(applyCalibrator(cal, arr(iso, 'grid')), arr(iso, 'predict'), 0, 1e-9);
  });

  it('platt on decision values, and on probabilities through their logits', () => {
    const want = b.platt as Ref;
    const cal = fitCalibrator('platt', { y, scores: arr(b, 'decision') }, fittedOn);
    if (cal.method !== 'platt') throw new Error('expected a platt calibrator');
    expect(cal.params.input).toBe('decision');
    expectClose(cal.params.a, want.a as number, 0, 1e-4);
    expectClose(cal.params.b, want.b as number, 0, 1e-4);
    // the same scores handed over as probabilities give the same fit and the same outputs
    const probs = arr(b, 'decision').map((f) => 1 / (1 + Math.exp(-f)));
    const viaProb = fitCalibrator('platt', { y, scores: probs }, fittedOn, { plattInput: 'probability' });
    if (viaProb.method !== 'platt') throw new Error('expected a platt calibrator');
    expectClose(viaProb.params.a, cal.params.a, 0, 1e-8);
    expectClose(applyCalibrator(viaProb, probs), applyCalibrator(cal, arr(b, 'decision')), 0, 1e-9);
  });

  it('temperature on logits', () => {
    const cal = fitCalibrator('temperature', { y: arr(m, 'y_true'), scores: logits, classes: k }, { ...fittedOn, positives: undefined, classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    if (cal.method !== 'temperature') throw new Error('expected a temperature calibrator');
    expectClose(cal.params.temperature, m.temperature as number, 0, 1e-4);
    expect(cal.params.classes).toBe(k);
    expect('positives' in cal.fitted_on).toBe(false);
    const probs = applyCalibrator(cal, logits);
    expect(probs).toHaveLength(logits.length);
    expectClose(probs, applyTemperature(cal.params.temperature, logits, k), 0, 0);
  });
});

describe('calibrator JSON round trip and validation', () => {
  const y = [0, 0, 1, 0, 1, 1, 0, 1];
  const s = [0.1, 0.3, 0.35, 0.4, 0.6, 0.8, 0.85, 0.9];
  const fits: CalibratorJson[] = [
    fitCalibrator('isotonic', { y, scores: s }, fittedOn),
    fitCalibrator('platt', { y, scores: s }, fittedOn, { plattInput: 'probability' }),
    fitCalibrator('temperature', { y: [0, 2, 1], scores: [2, 0, 1, 0, 1, 3, 1, 1, 0], classes: 3 }, { rows: 3, split: 'validation', created_at: 'now', classes: ['x', 'y', 'z'] }),
  ];

  it.each(fits.map((c) => [c.method, c] as const))('parseCalibrator reads back what fitCalibrator wrote (%s)', (_method, cal) => {
    const back = parseCalibrator(JSON.stringify(cal, null, 2));
    expect(back).toEqual(cal);
    const inputs = cal.method === 'temperature' ? [1, 0, 0, 0, 2, 1] : [0, 0.2, 0.5, 1];
    expect(applyCalibrator(back, inputs)).toEqual(applyCalibrator(cal, inputs));
  });

  it('applies each method exactly as its own module does', () => {
    const [iso, platt] = fits;
    if (iso.method !== 'isotonic' || platt.method !== 'platt') throw new Error('unexpected methods');
    expect(applyCalibrator(iso, [0.05, 0.5, 2])).toEqual(predictIsotonic(iso.params, [0.05, 0.5, 2]));
    // probability 0 and 1 are clipped to 1e-12 before the logit, so the output stays finite
    const ends = applyCalibrator(platt, [0, 1]);
    expect(ends.every((v) => Number.isFinite(v) && v > 0 && v < 1)).toBe(true);
    expectClose(applyCalibrator(platt, [0.25])[0], applyPlatt(platt.params, [Math.log(0.25 / 0.75)])[0], 0, 1e-15);
  });

  const good = JSON.stringify(fits[1]);
  const edit = (f: (o: Record<string, unknown> & { params: Record<string, unknown>; fitted_on: Record<string, unknown> }) => void): string => {
    const o = JSON.parse(good);
    f(o);
    return JSON.stringify(o);
  };

  it.each([
    ['not JSON', '{"format": ', /calibrator: not valid JSON/],
    ['not an object', '[1, 2]', /calibrator: the file must be an object \(got an array\)/],
    ['wrong format', edit((o) => (o.format = 'sklearn.pickle')), /calibrator: format must be "kiln.calibrator" \(got "sklearn.pickle"\)/],
    ['newer version', edit((o) => (o.version = 2)), /calibrator: version 2 is not supported: this build reads version 1/],
    ['unknown method', edit((o) => (o.method = 'beta')), /calibrator: method must be one of "isotonic", "platt", "temperature" \(got "beta"\)/],
    ['missing params', edit((o) => delete (o as Ref).params), /calibrator: params is missing/],
    ['missing params.b', edit((o) => delete o.params.b), /calibrator: params.b is missing/],
    ['non-finite params.a', good.replace(/"a":[^,]+/, '"a":1e999'), /calibrator: params.a must be a finite number \(got Infinity\)/],
    ['string params.a', edit((o) => (o.params.a = '0.5')), /calibrator: params.a must be a finite number \(got "0.5"\)/],
    ['bad platt input', edit((o) => (o.params.input = 'odds')), /calibrator: params.input must be one of "decision", "logit", "probability"/],
    ['unknown field', edit((o) => (o.params.c = 1)), /calibrator: params.c is not a known field/],
    ['missing fitted_on.rows', edit((o) => delete o.fitted_on.rows), /calibrator: fitted_on.rows is missing/],
    ['fractional fitted_on.rows', edit((o) => (o.fitted_on.rows = 2.5)), /calibrator: fitted_on.rows must be an integer ≥ 0 \(got 2.5\)/],
  ] as const)('rejects %s, naming the field', (_name, text, message) => {
    expect(() => parseCalibrator(text)).toThrow(message);
  });

  it('rejects isotonic and temperature params a schema cannot fully check', () => {
    const iso = (x: number[], yy: number[]) => JSON.stringify({ ...fits[0], params: { x, y: yy, out_of_bounds: 'clip' } });
    expect(() => parseCalibrator(iso([0, 1], [0]))).toThrow(/params.y has 1 values but params.x has 2/);
    expect(() => parseCalibrator(iso([0, 0], [0, 1]))).toThrow(/params.x\[1\] must be greater than params.x\[0\]/);
    expect(() => parseCalibrator(iso([0, 1], [1, 0]))).toThrow(/params.y\[1\] must not be below params.y\[0\]/);
    // JSON.stringify writes Infinity as null, so the overflowing literal goes in as text
    expect(() => parseCalibrator(iso([0, 1], [0, 1]).replace('"y":[0,1]', '"y":[0,1e999]'))).toThrow(/params.y\[1\] must be a finite number \(got Infinity\)/);
    const temp = (t: number, c: number) => JSON.stringify({ ...fits[2], params: { temperature: t, classes: c } });
    expect(() => parseCalibrator(temp(0, 3))).toThrow(/params.temperature must be > 0/);
    expect(() => parseCalibrator(temp(1, 1))).toThrow(/params.classes must be an integer ≥ 2/);
  });

  it('refuses to fit a temperature calibrator without a class count, or binary ones on other labels', () => {
    expect(() => fitCalibrator('temperature', { y: [0, 1], scores: [1, 2, 3, 4] }, fittedOn)).toThrow(/needs input.classes/);
    expect(() => fitCalibrator('isotonic', { y: [0, 2], scores: [0.1, 0.2] }, fittedOn)).toThrow(/binary labels must be 0 or 1/);
  });

  it('schemas/calibrator.schema.json describes the same closed format', () => {
    const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../schemas/calibrator.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.format.const).toBe('kiln.calibrator');
    expect(schema.properties.version.const).toBe(1);
    expect([...schema.required].sort()).toEqual(Object.keys(fits[0]).sort());
    for (const cal of fits) {
      const branch = schema.oneOf.find((o: { properties: { method: { const: string } } }) => o.properties.method.const === cal.method);
      expect([...branch.properties.params.required].sort()).toEqual(Object.keys(cal.params).sort());
      expect(Object.keys(cal.fitted_on).every((key) => key in schema.$defs.fittedOn.properties)).toBe(true);
    }
  });
});
