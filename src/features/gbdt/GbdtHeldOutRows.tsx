import { useEffect, useState } from 'react';
import type { GbdtRunRecord } from '../../db/records';
import { runArtifacts } from '../../db/runs-repo';
import type { HeldOutPredictions } from '../../ml/evaluation/held-out';
import { decisionThreshold } from '../../ml/metrics/threshold';
import { HeldOutRows } from '../evaluate/HeldOutRows';
import { gbdtTryRow } from './try-row-gbdt';

/** A GBDT holdout run's stored held-out predictions: diagnostics, the predictions table and "try a row". */
export function GbdtHeldOutRows({ run }: { run: GbdtRunRecord }) {
  const [p, setP] = useState<{ id: string; data: HeldOutPredictions } | null>(null);
  useEffect(() => {
    let live = true;
    void runArtifacts(run.id).then((items) => {
      const a = items.find((x) => x.kind === 'predictions');
      if (live && a?.kind === 'predictions') setP({ id: run.id, data: a.data });
    });
    return () => {
      live = false;
    };
  }, [run.id]);
  if (!p || p.id !== run.id) return null;
  // the run's chosen threshold (the threshold panel saves it), as its export decides
  const threshold = decisionThreshold(run.threshold);
  return <HeldOutRows predictions={p.data} target={run.task.target} fileStem={run.name} threshold={threshold} loadTry={() => gbdtTryRow(run, threshold)} />;
}
