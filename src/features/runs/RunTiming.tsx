import type { RunRecord } from '../../db/records';
import { formatDuration } from '../train/TrainControls';

/** The backend and duration lines of a run's facts (inside its <dl>), the same for every family. */
export function RunTiming({ run, epochsStored, unit = 'epochs' }: { run: RunRecord; epochsStored: number; unit?: string }) {
  return (
    <>
      <dt>Backend</dt>
      <dd data-testid="run-view-backend">
        {run.backend ?? '—'}
        {run.backendNote ? ` (${run.backendNote})` : ''}
      </dd>
      <dt>Duration</dt>
      <dd>
        {formatDuration(run.durationMs ?? null)} · {run.epochsRun ?? epochsStored} {unit}{run.bestEpoch ? `, best ${run.bestEpoch}` : ''}
      </dd>
    </>
  );
}
