import { logitsToScores } from './logit-scores';
import type { HeldOutPredictions } from './held-out-predictions';
// the studio's evaluation screens read held-out predictions of any family that stores them through here
export type { HeldOutPredictions };
import { topLabel } from '../calibration/reliability';

export type HeldOutSplit = 'validation' | 'test';

/** Scores the metrics take, from stored logits: P(positive), class probabilities, or predictions. */
export function splitScores(p: HeldOutPredictions, split: HeldOutSplit): { y: Float64Array; scores: Float64Array } {
  const s = p[split];
  return { y: s.y, scores: logitsToScores(p.kind, s.logits, p.classes, p.yMean, p.yStd) };
}

/** What a reliability diagram plots for a task: (outcome, probability) pairs, binary or top-label. */
export function reliabilityInputs(kind: HeldOutPredictions['kind'], y: ArrayLike<number>, scores: ArrayLike<number>, classes: number): { outcome: ArrayLike<number>; prob: ArrayLike<number> } | null {
  if (kind === 'binary') return { outcome: y, prob: scores };
  if (kind === 'multiclass' || kind === 'ordinal') {
    const t = topLabel(y, scores, classes);
    return { outcome: t.correct, prob: t.confidence };
  }
  return null;
}
