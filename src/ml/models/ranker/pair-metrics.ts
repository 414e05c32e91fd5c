import { kendallTau } from '../../metrics/ranking';

/** How well score differences agree with pair labels. */
export interface PairMetrics {
  pairs: number;
  /** pairs labeled 1 or −1 */
  decisive: number;
  ties: number;
  /** decisive pairs ordered as labeled (a zero difference counts one half) */
  accuracy: number;
  /** tie pairs whose |difference| is under the margin; NaN without ties */
  tieAgreement: number;
  /** Kendall's tau-b between labels (−1, 0, 1) and score differences */
  kendallTau: number;
  /** the training objective: margin ranking loss, tie loss for ties */
  loss: number;
}

/** The loss the loop minimises, per pair: max(0, m − y·d) when decisive, max(0, |d| − m) for a tie. */
export function pairLoss(d: number, y: number, margin: number): number {
  return y === 0 ? Math.max(0, Math.abs(d) - margin) : Math.max(0, margin - y * d);
}

export function pairMetrics(scores: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>, y: ArrayLike<number>, rows: ArrayLike<number>, margin: number): PairMetrics {
  const d = new Float64Array(rows.length);
  const yy = new Float64Array(rows.length);
  let right = 0;
  let decisive = 0;
  let tiesIn = 0;
  let ties = 0;
  let loss = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const diff = scores[a[r]] - scores[b[r]];
    d[k] = diff;
    yy[k] = y[r];
    loss += pairLoss(diff, y[r], margin);
    if (y[r] === 0) {
      ties++;
      if (Math.abs(diff) < margin) tiesIn++;
    } else {
      decisive++;
      right += diff * y[r] > 0 ? 1 : diff === 0 ? 0.5 : 0;
    }
  }
  return {
    pairs: rows.length,
    decisive,
    ties,
    accuracy: decisive ? right / decisive : NaN,
    tieAgreement: ties ? tiesIn / ties : NaN,
    kendallTau: kendallTau(yy, d),
    loss: rows.length ? loss / rows.length : NaN,
  };
}
