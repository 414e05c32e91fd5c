import { useEffect, useState } from 'react';
import type { MatcherModelArtifact } from '../../db/records';
import { runArtifacts } from '../../db/runs-repo';
import type { MatcherRunResult } from '../../ml/models/matcher/train-matcher';

export interface MatcherArtifacts {
  model: MatcherModelArtifact | null;
  result: Omit<MatcherRunResult, 'sections'> | null;
}

export async function loadMatcherArtifacts(runId: string): Promise<MatcherArtifacts> {
  const items = await runArtifacts(runId);
  const m = items.find((a) => a.kind === 'matcher-model');
  const r = items.find((a) => a.kind === 'matcher-result');
  return { model: m?.kind === 'matcher-model' ? m.data : null, result: r?.kind === 'matcher-result' ? r.data : null };
}

/** A matcher run's stored model and result; reloads when `version` changes (artifacts just saved). */
export function useMatcherArtifacts(runId: string | null, version: unknown): MatcherArtifacts {
  const [state, setState] = useState<{ id: string | null } & MatcherArtifacts>({ id: null, model: null, result: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void loadMatcherArtifacts(runId).then((a) => live && setState({ id: runId, ...a }));
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state.id === runId ? state : { model: null, result: null };
}
