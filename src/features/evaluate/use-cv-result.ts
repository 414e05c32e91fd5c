import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { CvRunResult } from '../../ml/eval/cv-result';

/** A cross-validation run's stored result; reloads when `version` changes. */
export function useCvResult(runId: string | null, version: unknown): CvRunResult | null {
  const [state, setState] = useState<{ id: string | null; cv: CvRunResult | null }>({ id: null, cv: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void runArtifacts(runId).then((items) => {
      const a = items.find((x) => x.kind === 'cv-result');
      if (live) setState({ id: runId, cv: a?.kind === 'cv-result' ? a.data : null });
    });
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state.id === runId ? state.cv : null;
}
