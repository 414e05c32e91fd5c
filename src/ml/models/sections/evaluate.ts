import type { HeldOutPredictions } from '../../evaluation/held-out-predictions';
import { evaluateTask, type MetricMap } from '../../metrics/evaluate';
import { multiclassReport, type Report } from '../../metrics/report';
import type { PreparedSections } from './train';
import { sectionLogits, softmaxTemperature, type SectionsModel } from './model';

const textsOf = (p: PreparedSections, rows: Int32Array) => Array.from(rows, (r) => p.texts[r]);
const labelsOf = (p: PreparedSections, rows: Int32Array) => Float64Array.from(rows, (r) => p.y[r]);

/** Calibrated probabilities of the test rows (never fitted on), row-major n × classes. */
export function heldOutProbabilities(m: SectionsModel, p: PreparedSections): Float64Array {
  return softmaxTemperature(sectionLogits(m, textsOf(p, p.split.test)), m.labels.length, m.temperature);
}

/**
 * The held-out figures: the headline metrics (evaluateTask's multiclass keys) and the full report
 * (per-class precision and recall, the confusion matrix, top-label ECE), from the functions every
 * other classifier's report uses, on the test rows.
 */
export function sectionsEvaluation(m: SectionsModel, p: PreparedSections): { metrics: MetricMap; report: Report; support: number[] } {
  const y = labelsOf(p, p.split.test);
  const probs = heldOutProbabilities(m, p);
  const k = m.labels.length;
  const support = new Array<number>(k).fill(0);
  for (const v of y) support[v]++;
  return { metrics: evaluateTask('multiclass', y, probs, k), report: multiclassReport(y, probs, k), support };
}

/**
 * The validation and test rows' logits for the calibration panel. They are the model's logits
 * divided by its temperature, so the panel starts from the probabilities the model gives (already
 * temperature-scaled on the validation rows) and a further calibrator is judged against those.
 */
export function sectionsHeldOut(m: SectionsModel, p: PreparedSections): HeldOutPredictions {
  const k = m.labels.length;
  const side = (rows: Int32Array) => ({ rows: Int32Array.from(rows), y: labelsOf(p, rows), logits: Float32Array.from(sectionLogits(m, textsOf(p, rows)), (z) => z / m.temperature) });
  return { kind: 'multiclass', classes: k, labels: m.labels.slice(), validation: side(p.split.validation), test: side(p.split.test), width: k, yMean: 0, yStd: 1 };
}

/**
 * What a floor does on labeled sections: the share whose top probability reaches it (the rest fall
 * back to the whole text) and the accuracy on that share. NaN accuracy when no section reaches it.
 */
export function floorCoverage(probs: ArrayLike<number>, y: ArrayLike<number>, k: number, floor: number): { covered: number; accuracy: number } {
  let n = 0;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    if (probs[i * k + best] >= floor) {
      n++;
      if (best === y[i]) right++;
    }
  }
  return { covered: y.length ? n / y.length : NaN, accuracy: n ? right / n : NaN };
}
