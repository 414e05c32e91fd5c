import { splitRows, type SequenceExamples } from './examples';

/**
 * The most-frequent-transition baseline: the next title is the most common successor of the
 * current title in the training examples (the most common next title overall when the current
 * title was never seen). A sequence model has to beat this to be worth its weights.
 */
export function transitionBaseline(ex: SequenceExamples): (current: number) => number {
  const counts = new Map<number, Map<number, number>>();
  const overall = new Map<number, number>();
  for (const r of splitRows(ex, 'train')) {
    const c = ex.current[r];
    const t = ex.nextTitle[r];
    let m = counts.get(c);
    if (!m) counts.set(c, (m = new Map()));
    m.set(t, (m.get(t) ?? 0) + 1);
    overall.set(t, (overall.get(t) ?? 0) + 1);
  }
  const best = (m: Map<number, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
  const fallback = best(overall);
  const table = new Map([...counts.entries()].map(([c, m]) => [c, best(m)]));
  return (current) => table.get(current) ?? fallback;
}

export function baselineTop1(ex: SequenceExamples, rows: Int32Array): { top1: number; changerTop1: number; samePredictionRate: number } {
  const predict = transitionBaseline(ex);
  let hit = 0;
  let chN = 0;
  let chHit = 0;
  let chSame = 0;
  for (const r of rows) {
    const p = predict(ex.current[r]);
    if (p === ex.nextTitle[r]) hit++;
    if (ex.changer[r]) {
      chN++;
      if (p === ex.nextTitle[r]) chHit++;
      if (p === ex.current[r]) chSame++;
    }
  }
  return { top1: rows.length ? hit / rows.length : NaN, changerTop1: chN ? chHit / chN : NaN, samePredictionRate: chN ? chSame / chN : NaN };
}
