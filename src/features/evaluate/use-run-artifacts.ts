import { useEffect, useState } from 'react';
import { putArtifacts, runArtifacts } from '../../db/runs-repo';
import type { CalibratorJson } from '../../ml/calibration/calibrator';
import type { HeldOutPredictions } from '../../ml/evaluation/held-out';

/** A run's stored predictions and calibrator, loaded from IndexedDB; saving a calibrator writes it back. */
export function useRunArtifacts(runId: string | null, version: unknown): {
  predictions: HeldOutPredictions | null;
  calibrator: CalibratorJson | null;
  saveCalibrator: (c: CalibratorJson) => Promise<void>;
} {
  const [state, setState] = useState<{ id: string | null; predictions: HeldOutPredictions | null; calibrator: CalibratorJson | null }>({ id: null, predictions: null, calibrator: null });
  useEffect(() => {
    let live = true;
    if (!runId) return;
    void runArtifacts(runId).then((items) => {
      if (!live) return;
      const p = items.find((a) => a.kind === 'predictions');
      const c = items.find((a) => a.kind === 'calibrator');
      setState({ id: runId, predictions: p?.kind === 'predictions' ? p.data : null, calibrator: c?.kind === 'calibrator' ? c.data : null });
    });
    return () => {
      live = false;
    };
  }, [runId, version]);
  const current = state.id === runId ? state : { predictions: null, calibrator: null };
  return {
    ...current,
    saveCalibrator: async (c) => {
      if (!runId) return;
      await putArtifacts([{ id: `${runId}:calibrator`, runId, kind: 'calibrator', data: c, createdAt: Date.now() }]);
      setState((s) => ({ ...s, calibrator: c }));
    },
  };
}
