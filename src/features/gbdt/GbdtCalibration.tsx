import type { TaskKind } from '../../ml/task';
import { CalibrationPanel } from '../evaluate/CalibrationPanel';
import { useRunArtifacts } from '../evaluate/use-run-artifacts';

/**
 * Calibration of a holdout run's probabilities with the studio's shared panel: fitted on the
 * validation split, measured on the test split; the export ships the calibrator beside model.onnx.
 * (Ordinal and regression models have no calibrator here; their distribution table shows fit.)
 */
export function GbdtCalibration({ runId, kind, version, onSaved }: { runId: string; kind: TaskKind; version: unknown; onSaved?: () => void }) {
  const { predictions, calibrator, saveCalibrator } = useRunArtifacts(runId, version);
  if (!predictions || (kind !== 'binary' && kind !== 'multiclass')) return null;
  return (
    <CalibrationPanel
      runId={runId}
      predictions={predictions}
      saved={calibrator}
      onSave={async (c) => {
        await saveCalibrator(c);
        onSaved?.();
      }}
    />
  );
}
