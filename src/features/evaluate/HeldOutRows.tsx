import { useMemo, useState } from 'react';
import { splitScores, type HeldOutPredictions } from '../../ml/evaluation/held-out';
import { PredictionsTable } from './PredictionsTable';
import { RegressionDiagnostics } from './RegressionDiagnostics';
import { TryRow } from './TryRow';
import type { TryRowModel } from './try-row';

/** Newer runs carry the training rows' dummy baseline beside their predictions. */
type WithDummy = HeldOutPredictions & { dummy?: { strategy: string; mean?: number } };

/**
 * The mean baseline a regression is judged against: the training rows' mean (DummyRegressor) when
 * the run stored it (a network that standardizes its target always does), else the mean
 * of the validation targets, said as such.
 */
export function meanBaseline(p: HeldOutPredictions): { mean: number; source: string } {
  const d = (p as WithDummy).dummy;
  if (d?.strategy === 'mean' && typeof d.mean === 'number' && Number.isFinite(d.mean)) return { mean: d.mean, source: 'training rows’ mean' };
  if (p.yStd !== 1 || p.yMean !== 0) return { mean: p.yMean, source: 'training rows’ mean' };
  const y = p.validation.y;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  return { mean: y.length ? s / y.length : NaN, source: 'validation rows’ mean (this run stored no training mean)' };
}

/**
 * Row-level views of a finished run's held-out predictions: regression diagnostics, the
 * predictions table with its CSV, and "try a row" on the exported model.
 */
export function HeldOutRows({ predictions: p, target, fileStem, loadTry, threshold = 0.5 }: { predictions: HeldOutPredictions; target: string; fileStem: string; loadTry: () => Promise<TryRowModel>; threshold?: number }) {
  const [pick, setPick] = useState<{ index: number } | null>(null);
  const reg = useMemo(() => {
    if (p.kind !== 'regression') return null;
    const split = p.test.y.length > 0 ? ('test' as const) : ('validation' as const);
    return { split, ...splitScores(p, split), base: meanBaseline(p) };
  }, [p]);
  return (
    <div className="held-out-rows" data-testid="held-out-rows">
      {reg && <RegressionDiagnostics y={reg.y} predicted={reg.scores} baselineMean={reg.base.mean} baselineSource={reg.base.source} split={reg.split} target={target} />}
      <PredictionsTable predictions={p} target={target} fileStem={fileStem} threshold={threshold} onTry={(index) => setPick({ index })} />
      <TryRow load={loadTry} pick={pick} />
    </div>
  );
}
