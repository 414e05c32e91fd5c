import { ThresholdPanel } from '../evaluate/ThresholdPanel';
import { useRunArtifacts } from '../evaluate/use-run-artifacts';

/** A binary holdout run's decision threshold, on the stored validation predictions (the export reads the choice). */
export function GbdtThreshold({ runId, version }: { runId: string; version: unknown }) {
  const { predictions } = useRunArtifacts(runId, version);
  if (predictions?.kind !== 'binary') return null;
  return <ThresholdPanel key={runId} runId={runId} predictions={predictions} />;
}
