/** Proper scoring rules a calibrator is meant to improve; worse after calibration means it should not ship as is. */
const SCORED = ['log_loss', 'brier'] as const;

export interface CalibrationRegression {
  metric: (typeof SCORED)[number];
  before: number;
  after: number;
}

/**
 * The held-out scores a calibrator made worse (log loss, Brier), judged on rows it was not fitted
 * on. A calibrator fitted on a small or unrepresentative validation split can overfit it and
 * degrade probabilities it was meant to fix (e.g. log loss 0.4355 → 0.4501).
 */
export function calibrationRegressions(before: { log_loss?: number; brier?: number }, after: { log_loss?: number; brier?: number }): CalibrationRegression[] {
  const out: CalibrationRegression[] = [];
  for (const metric of SCORED) {
    const b = before[metric];
    const a = after[metric];
    if (b !== undefined && a !== undefined && Number.isFinite(a) && Number.isFinite(b) && a > b) out.push({ metric, before: b, after: a });
  }
  return out;
}

export function describeRegressions(rs: CalibrationRegression[]): string {
  return rs.map((r) => `${r.metric === 'log_loss' ? 'log loss' : 'Brier score'} ${r.before.toFixed(4)} → ${r.after.toFixed(4)}`).join(', ');
}
