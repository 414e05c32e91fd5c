import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { SectionsModel } from '../../ml/models/sections/model';
import type { SectionsRunResult } from '../../ml/models/sections/run-result';

export interface SectionsArtifacts {
  model: SectionsModel | null;
  result: SectionsRunResult | null;
}

export async function loadSectionsArtifacts(runId: string): Promise<SectionsArtifacts> {
  const items = await runArtifacts(runId);
  const m = items.find((a) => a.kind === 'sections-model');
  const r = items.find((a) => a.kind === 'sections-result');
  return { model: m?.kind === 'sections-model' ? m.data : null, result: r?.kind === 'sections-result' ? r.data : null };
}

/** A section-classifier run's stored model and result; reloads when `version` changes (artifacts just saved). */
export function useSectionsArtifacts(runId: string | null, version: unknown): SectionsArtifacts {
  const [state, setState] = useState<{ id: string | null } & SectionsArtifacts>({ id: null, model: null, result: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void loadSectionsArtifacts(runId).then((a) => live && setState({ id: runId, ...a }));
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state.id === runId ? state : { model: null, result: null };
}
