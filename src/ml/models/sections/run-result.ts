import type { HeldOutPredictions } from '../../evaluation/held-out-predictions';
import type { MetricMap } from '../../metrics/evaluate';
import type { Report } from '../../metrics/report';
import { heldOutProbabilities, sectionsEvaluation, sectionsHeldOut } from './evaluate';
import type { SectionsModel } from './model';
import type { PreparedSections } from './train';

/**
 * What a finished section-classifier run keeps beside its model: the held-out figures and report,
 * the test sections with Kiln's probabilities (the export checks model.onnx against them), and
 * the held-out logits the calibration panel reads.
 */
export interface SectionsRunResult {
  labels: string[];
  metrics: MetricMap;
  report: Report;
  /** test sections per label */
  support: number[];
  counts: { train: number; validation: number; test: number; skipped: number; vocabulary: number };
  test: { texts: string[]; y: Int32Array; probabilities: Float64Array };
  heldOut: HeldOutPredictions;
  temperature: number;
}

export function sectionsRunResult(m: SectionsModel, p: PreparedSections): SectionsRunResult {
  const e = sectionsEvaluation(m, p);
  const { split } = p;
  return {
    labels: m.labels.slice(),
    metrics: e.metrics,
    report: e.report,
    support: e.support,
    counts: { train: split.train.length, validation: split.validation.length, test: split.test.length, skipped: p.skipped, vocabulary: p.tfidf.vocabulary.length },
    test: { texts: Array.from(split.test, (r) => p.texts[r]), y: Int32Array.from(split.test, (r) => p.y[r]), probabilities: heldOutProbabilities(m, p) },
    heldOut: sectionsHeldOut(m, p),
    temperature: m.temperature,
  };
}
