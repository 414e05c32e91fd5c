import type { CalibratorJson } from '../../calibration/calibrator';
import type { LeakageReport, SequenceExamples } from './examples';
import type { SequenceOutputs } from './predict';
import type { SequenceReport } from './train-sequence';
import type { AbbreviationMap } from './titles';
import type { VocabCoverage } from './vocab';

/**
 * Everything a finished sequence run keeps besides its weights: the vocabulary and the
 * normalization it was built with (exported as vocab.json), the split report and the evaluation.
 */
export interface SequenceRunResult {
  vocab: { tokens: string[]; counts: number[] };
  abbreviations: AbbreviationMap;
  coverage: { train: VocabCoverage; heldOut: VocabCoverage };
  leakage: LeakageReport;
  tenure: { mean: number; std: number };
  report: SequenceReport;
  entities: number;
  skippedRoles: number;
  /** TF.js outputs on some validation examples with their input ids, to check an export against */
  sample: ParitySample;
}

export interface ParitySample {
  n: number;
  maxLen: number;
  ids: Int32Array;
  logits: Float32Array;
  tenure: Float32Array;
  /** hireability probability */
  hire: Float32Array;
}

export function paritySample(ex: SequenceExamples, o: SequenceOutputs, limit = 500): ParitySample {
  const n = Math.min(limit, o.rows.length);
  const k = o.vocabSize;
  const ids = new Int32Array(n * ex.maxLen);
  for (let i = 0; i < n; i++) ids.set(ex.ids.subarray(o.rows[i] * ex.maxLen, (o.rows[i] + 1) * ex.maxLen), i * ex.maxLen);
  return {
    n,
    maxLen: ex.maxLen,
    ids,
    logits: o.logits.slice(0, n * k),
    tenure: o.tenure.slice(0, n),
    hire: Float32Array.from(o.hireLogit.subarray(0, n), (z) => 1 / (1 + Math.exp(-z))),
  };
}

/** vocab.json as shipped in the bundle: how to turn raw titles into the model's input ids. */
export function vocabJson(r: SequenceRunResult): unknown {
  return {
    format: 'kiln.vocab',
    version: 1,
    padding_index: 0,
    unknown_index: 1,
    normalization: {
      steps: ['NFKC', 'lower-case', '".net" → "dotnet"', 'characters other than letters, digits, "+", "#" → space', 'collapse whitespace', 'expand abbreviations word by word'],
      abbreviations: r.abbreviations,
    },
    tokens: r.vocab.tokens,
    training_counts: r.vocab.counts,
  };
}

export function sequenceCalibrator(r: SequenceRunResult): CalibratorJson | null {
  return r.report.calibration?.calibrator ?? null;
}
