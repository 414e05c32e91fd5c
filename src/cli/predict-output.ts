import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { applyCalibrator, type CalibratorJson } from '../ml/calibration/calibrator';
import { CliError } from './errors';

/** One output column group: a graph output as one column (`prediction`, `label`) or one per class (`p_<class>`). */
interface Group {
  output: string;
  names: string[];
  values: (results: InferenceSession.ReturnType, rows: number) => string[][];
}

export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The shortest decimal that reads back as the same float32 (no 0.8999999761581421), as
 * float32Decimal finds it but from 6 digits up: a float32 is within 2^-24 of any 6-digit
 * decimal it equals, so rounding to 6 digits finds a shorter one too, and the search costs
 * at most 4 toPrecision calls per value instead of 9.
 */
function float32Text(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  for (let p = 6; p < 9; p++) {
    const v = Number(x.toPrecision(p));
    if (Math.fround(v) === x) return String(v);
  }
  return String(Number(x.toPrecision(9)));
}

function text(data: Tensor['data'], i: number): string {
  const v = data[i];
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return data instanceof Float32Array ? float32Text(v) : String(v);
  return String(v);
}

/**
 * Calibrated P(class) for a batch, from the graph's probabilities as the studio applies the
 * calibrator: isotonic on P(positive), Platt on its logit (or the probability, as fitted),
 * temperature on log-probabilities, which equal the logits up to a per-row shift softmax ignores.
 */
function calibrated(cal: CalibratorJson, probs: Float32Array, rows: number, k: number): Float64Array {
  if (cal.method === 'temperature') {
    const logs = Float64Array.from(probs, (p) => Math.log(Math.max(p, Number.MIN_VALUE)));
    return applyCalibrator(cal, logs);
  }
  const p1 = Float64Array.from({ length: rows }, (_, r) => probs[r * k + 1]);
  // the graph's logit is what a decision/logit Platt was fitted on; clipped so 0 and 1 stay finite
  const scores = cal.method === 'platt' && cal.params.input !== 'probability' ? p1.map((p) => Math.log(Math.min(Math.max(p, 1e-12), 1 - 1e-12) / (1 - Math.min(Math.max(p, 1e-12), 1 - 1e-12)))) : p1;
  const c = applyCalibrator(cal, scores);
  const out = new Float64Array(rows * 2);
  for (let r = 0; r < rows; r++) [out[2 * r], out[2 * r + 1]] = [1 - c[r], c[r]];
  return out;
}

/** Checks a calibrator fits the model's probabilities before any row is read. */
export function checkCalibrator(cal: CalibratorJson, calFile: string, outputs: readonly string[], labels: string[]): void {
  if (!outputs.includes('probabilities')) throw new CliError(`${calFile}: a calibrator adjusts class probabilities; this model outputs ${outputs.join(', ')}`);
  if (cal.method === 'temperature' && labels.length && labels.length !== cal.params.classes) throw new CliError(`${calFile}: fitted on ${cal.params.classes} classes, the model has ${labels.length}`);
  if (cal.method !== 'temperature' && labels.length > 2) throw new CliError(`${calFile}: a ${cal.method} calibrator is for binary models; this one has ${labels.length} classes (use temperature)`);
}

/**
 * The output CSV's columns from the graph's outputs: `label` as the class name, `probabilities`
 * as p_<class> (calibrated when a calibrator is given), `probabilities_calibrated` as
 * p_calibrated_<class>, `prediction` and `score` as they are; anything else by its name.
 */
export function outputGroups(outputNames: readonly string[], labels: string[], widths: Map<string, number>, cal?: CalibratorJson): Group[] {
  const className = (i: number) => labels[i] ?? String(i);
  return outputNames.map((output): Group => {
    const k = widths.get(output) ?? 1;
    if (output === 'label')
      return {
        output,
        names: ['label'],
        values: (res, rows) => {
          const d = res[output].data;
          return [Array.from({ length: rows }, (_, r) => csvCell(className(Number(d[r]))))];
        },
      };
    const perClass = output === 'probabilities' || output === 'probabilities_calibrated';
    const prefix = output === 'probabilities' ? 'p_' : output === 'probabilities_calibrated' ? 'p_calibrated_' : `${output}_`;
    const names = k === 1 && !perClass ? [output] : Array.from({ length: k }, (_, j) => `${prefix}${perClass ? className(j) : j}`);
    return {
      output,
      names,
      values: (res, rows) => {
        const t = res[output];
        if (output === 'probabilities' && cal) {
          if (cal.method !== 'temperature' && k !== 2) throw new CliError(`a ${cal.method} calibrator is for binary models; this one outputs ${k} probabilities`);
          if (cal.method === 'temperature' && k !== cal.params.classes) throw new CliError(`the calibrator was fitted on ${cal.params.classes} classes, the model outputs ${k}`);
          const c = calibrated(cal, t.data as Float32Array, rows, k);
          return Array.from({ length: k }, (_, j) => Array.from({ length: rows }, (_, r) => String(c[r * k + j])));
        }
        return Array.from({ length: k }, (_, j) => Array.from({ length: rows }, (_, r) => text(t.data, r * k + j)));
      },
    };
  });
}

/** The output width of each graph output from its first batch: [N] and [N,1] are one column, [N,K] K. */
export function outputWidths(res: InferenceSession.ReturnType): Map<string, number> {
  return new Map(Object.entries(res).map(([name, t]) => [name, t.dims.length > 1 ? Number(t.dims[1]) : 1]));
}

/** The batch's CSV lines (each ending in a newline), an optional id column first. */
export function csvLines(groups: Group[], res: InferenceSession.ReturnType, rows: number, ids?: string[]): string {
  const cols = groups.flatMap((g) => g.values(res, rows));
  if (ids) cols.unshift(ids);
  let s = '';
  for (let r = 0; r < rows; r++) {
    let line = cols[0][r];
    for (let c = 1; c < cols.length; c++) line += `,${cols[c][r]}`;
    s += `${line}\n`;
  }
  return s;
}
