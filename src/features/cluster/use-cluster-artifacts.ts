import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { ClusterModel } from '../../ml/models/cluster/model';
import type { ClusterReport } from '../../ml/models/cluster/report';

export interface ClusterArtifacts {
  model: ClusterModel | null;
  report: ClusterReport | null;
}

export async function loadClusterArtifacts(runId: string): Promise<ClusterArtifacts> {
  const items = await runArtifacts(runId);
  const m = items.find((a) => a.kind === 'cluster-model');
  const r = items.find((a) => a.kind === 'cluster-result');
  return { model: m?.kind === 'cluster-model' ? m.data : null, report: r?.kind === 'cluster-result' ? r.data : null };
}

/** A clustering run's stored model and report; reloads when `version` changes (artifacts just saved). */
export function useClusterArtifacts(runId: string | null, version: unknown): ClusterArtifacts {
  const [state, setState] = useState<{ id: string | null } & ClusterArtifacts>({ id: null, model: null, report: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void loadClusterArtifacts(runId).then((a) => live && setState({ id: runId, ...a }));
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state.id === runId ? state : { model: null, report: null };
}
