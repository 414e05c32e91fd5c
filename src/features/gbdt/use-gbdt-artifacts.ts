import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { CalibratorJson } from '../../ml/calibration/calibrator';
import type { GbdtModel } from '../../ml/models/gbdt/model';
import type { GbdtParityRows, GbdtRunResult } from '../../ml/models/gbdt/train-gbdt';

export interface GbdtArtifacts {
  result: GbdtRunResult | null;
  model: GbdtModel | null;
  parity: GbdtParityRows | null;
  calibrator: CalibratorJson | null;
}

export async function loadGbdtArtifacts(runId: string): Promise<GbdtArtifacts> {
  const items = await runArtifacts(runId);
  const find = <K extends string>(kind: K) => items.find((a) => a.kind === kind);
  const r = find('gbdt-result');
  const m = find('gbdt-model');
  const p = find('gbdt-parity');
  const c = find('calibrator');
  return { result: r?.kind === 'gbdt-result' ? r.data : null, model: m?.kind === 'gbdt-model' ? m.data : null, parity: p?.kind === 'gbdt-parity' ? p.data : null, calibrator: c?.kind === 'calibrator' ? c.data : null };
}

/** A GBDT run's stored result and model; reloads when `version` changes (artifacts just saved). */
export function useGbdtArtifacts(runId: string | null, version: unknown): GbdtArtifacts {
  const [state, setState] = useState<{ id: string | null } & GbdtArtifacts>({ id: null, result: null, model: null, parity: null, calibrator: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void loadGbdtArtifacts(runId).then((a) => live && setState({ id: runId, ...a }));
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state.id === runId ? state : { result: null, model: null, parity: null, calibrator: null };
}
