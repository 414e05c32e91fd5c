import type { ReliabilityBin } from '../calibration/reliability';
import type { DummyFit } from '../metrics/baseline';
import type { MetricMap } from '../metrics/evaluate';
import type { TaskKind } from '../task';

export interface EpochSummary {
  /** validation reliability bins (binary: P(positive); multiclass/ordinal: top-label confidence) */
  reliability?: ReliabilityBin[];
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valMetrics: MetricMap;
  numTensors: number;
  elapsedMs: number;
  samplesPerSec: number;
  isBest: boolean;
}

/**
 * Raw model outputs on the held-out splits, kept with the run: evaluation curves and calibration
 * are computed from these, and a calibrator is fitted on one split and measured on the other.
 */
export interface HeldOutPredictions {
  kind: TaskKind;
  classes: number;
  labels?: string[];
  /** logits (row-major n×width) and targets (class index or value) per split */
  /** frame row indices, targets and logits per split */
  validation: { rows: Int32Array; y: Float64Array; logits: Float32Array };
  test: { rows: Int32Array; y: Float64Array; logits: Float32Array };
  width: number;
  yMean: number;
  yStd: number;
  /** the dummy baseline fitted on the training rows (absent on runs stored before issue 19) */
  dummy?: DummyFit;
}
