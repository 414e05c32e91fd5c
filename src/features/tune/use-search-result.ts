import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { StoredSearchResult } from '../../ml/tune/study';

/** A search run's stored trials (final, or those finished before a reload); reloads when `version` changes. */
export function useSearchResult(runId: string | null, version: unknown): StoredSearchResult | null {
  const [state, setState] = useState<{ id: string | null; result: StoredSearchResult | null }>({ id: null, result: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void runArtifacts(runId).then((items) => {
      const a = items.find((x) => x.kind === 'search-result');
      if (live) setState({ id: runId, result: a?.kind === 'search-result' ? a.data : null });
    });
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state.id === runId ? state.result : null;
}
