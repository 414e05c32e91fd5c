import type { BackendName } from '../../ml/backends/tf-backend';
import type { LiveProgress } from '../../state/training-store';

export type TrainPhase = 'idle' | 'starting' | 'training' | 'stopping' | 'saving' | 'finished';

export function isBusy(phase: TrainPhase): boolean {
  return phase === 'starting' || phase === 'training' || phase === 'stopping' || phase === 'saving';
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

/** Train / stop, the backend in use and why, and the progress bar with throughput and ETA: the same for every family. */
export function TrainControls(p: {
  phase: TrainPhase;
  canStart: boolean;
  onStart: () => void;
  onStop: () => void;
  startLabel: string;
  startingLabel: string;
  backend: BackendName | null;
  backendNote: string | null;
  progress: LiveProgress | null;
  problems: string[];
  /** what the throughput counts: samples, sequences */
  unit: string;
  /** prefixes the test ids when a second set of controls shares the page (cross-validation) */
  testIdPrefix?: string;
  /** families without checkpoints between epochs say what stopping does */
  stopLabel?: string;
}) {
  const tid = (id: string) => `${p.testIdPrefix ?? ''}${id}`;
  const busy = isBusy(p.phase);
  return (
    <>
      <div className="train-actions">
        <button type="button" className="primary" data-testid={tid('train-button')} disabled={busy || !p.canStart || p.problems.length > 0} onClick={p.onStart}>
          {p.phase === 'starting' ? p.startingLabel : p.phase === 'saving' ? 'Saving…' : p.startLabel}
        </button>
        <button type="button" data-testid={tid('stop-button')} disabled={!busy || p.phase === 'stopping' || p.phase === 'saving'} onClick={p.onStop}>
          {p.phase === 'stopping' ? 'Stopping…' : (p.stopLabel ?? 'Stop (keep best weights)')}
        </button>
        {p.backend && (
          <span className="badge" data-testid={tid('run-backend')} data-backend={p.backend}>
            training on {p.backend}
          </span>
        )}
        {p.problems.length > 0 && <span className="error-text">{p.problems.join('; ')}</span>}
      </div>
      {p.backendNote && <p className="note">Backend: {p.backendNote}.</p>}
      {p.progress && (
        <div className="progress-row" data-testid={tid('train-progress')}>
          <span>
            Epoch {p.progress.epoch}/{p.progress.totalEpochs} · step {p.progress.step}/{p.progress.stepsPerEpoch} · {Math.round(p.progress.samplesPerSec).toLocaleString()} {p.unit}/s · ETA{' '}
            {busy ? formatDuration(p.progress.etaMs) : 'done'}
          </span>
          <progress max={p.progress.totalEpochs} value={Math.max(0, p.progress.epoch - 1) + p.progress.step / Math.max(1, p.progress.stepsPerEpoch)} />
        </div>
      )}
    </>
  );
}

/** The live run's error and memory warning lines. */
export function RunAlerts({ error, memoryWarning }: { error: string | null; memoryWarning: string | null }) {
  return (
    <>
      {error && (
        <p className="error-text" role="alert" data-testid="train-error">
          {error}
        </p>
      )}
      {memoryWarning && (
        <p className="error-text" role="alert">
          {memoryWarning}
        </p>
      )}
    </>
  );
}
