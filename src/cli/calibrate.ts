import { applyCalibrator, fitCalibrator, parseCalibrator, type CalibratorJson } from '../ml/calibration/calibrator';
import { readFileSync } from 'node:fs';
import { CliError } from './errors';
import { binaryLabel, probability, readInput } from './input';

export type CalibrationMethod = 'isotonic' | 'platt' | 'temperature';

/** Fits a calibrator on y_true,score (binary) or y_true,logit_0.. (temperature). */
export function calibrate(method: CalibrationMethod, input: string): CalibratorJson {
  const t = readInput(input);
  const fittedOn = { rows: t.rows, split: 'cli input', source: input, created_at: new Date().toISOString() };
  if (method === 'temperature') {
    const cols = t.numbered('logit_');
    const { values } = t.labels('y_true', cols.length);
    return fitCalibrator('temperature', { y: values, scores: t.matrix(cols), classes: cols.length }, fittedOn);
  }
  const y = t.numbers('y_true', binaryLabel);
  const positives = y.reduce((a, v) => a + v, 0);
  if (positives === 0 || positives === y.length) throw new CliError(`${input}: y_true has only one class; a calibrator needs both 0 and 1`);
  // isotonic maps probabilities; Platt takes decision values (logits), as scikit-learn fits it
  const scores = t.numbers('score', method === 'isotonic' ? probability : undefined);
  return fitCalibrator(method, { y, scores }, { ...fittedOn, positives }, { plattInput: 'decision' });
}

/** Calibrated probabilities as CSV: `calibrated` for binary, p_0.. for temperature. */
export function applyToFile(calibratorFile: string, input: string): string {
  let json: CalibratorJson;
  try {
    json = parseCalibrator(readFileSync(calibratorFile, 'utf8'));
  } catch (e) {
    throw new CliError(`${calibratorFile}: ${(e as Error).message}`);
  }
  const t = readInput(input);
  if (json.method === 'temperature') {
    const cols = t.numbered('logit_');
    if (cols.length !== json.params.classes) throw new CliError(`${input}: ${cols.length} logit columns, the calibrator was fitted on ${json.params.classes} classes`);
    const probs = applyCalibrator(json, t.matrix(cols));
    const head = cols.map((_, i) => `p_${i}`).join(',');
    const lines = Array.from({ length: t.rows }, (_, r) => Array.from(probs.subarray(r * cols.length, (r + 1) * cols.length)).join(','));
    return `${head}\n${lines.join('\n')}\n`;
  }
  const scores = t.numbers('score', json.method === 'isotonic' || json.params.input === 'probability' ? probability : undefined);
  return `calibrated\n${Array.from(applyCalibrator(json, scores)).join('\n')}\n`;
}
