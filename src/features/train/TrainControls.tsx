import { useEffect, useState } from 'react';
import type { BackendName } from '../../ml/backends/tf-backend';
import { doneText, progressValue, stageText, type LiveStage } from '../../state/live-progress';
import type { LiveProgress } from '../../state/live-progress';

export type TrainPhase = 'idle' | 'starting' | 'training' | 'stopping' | 'saving' | 'finished';

export function isBusy(phase: TrainPhase): boolean {
  return phase === 'starting' || phase === 'training' || phase === 'stopping' || phase === 'saving';
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

/** Date.now(), re-read every second while `on`: a stage's elapsed time keeps moving on screen. */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
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
  /** what the run is doing before its first step (or after its last): shown instead of "step 0" */
  stage?: LiveStage | null;
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
  const stage = busy ? (p.stage ?? null) : null;
  const now = useNow(!!stage);
  const progress = p.progress;
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
            {busy ? 'training on' : progress?.done?.reason === 'failed' ? 'failed on' : 'trained on'} {p.backend}
          </span>
        )}
        {p.problems.length > 0 && <span className="error-text">{p.problems.join('; ')}</span>}
      </div>
      {p.backendNote && (
        <p className="note" data-testid={tid('backend-note')}>
          Backend: {p.backendNote}.
        </p>
      )}
      {stage && (
        <div className="progress-row" data-testid={tid('train-stage')} data-stage={stage.name} aria-live="polite">
          <span>
            {stageText(stage, p.backend)} ({formatDuration(Math.max(0, now - stage.at))})
          </span>
          <progress />
        </div>
      )}
      {progress && !(stage && progress.step === 0 && progress.epoch === 0) && (
        <div className="progress-row" data-testid={tid('train-progress')} data-step={progress.step} data-epoch={progress.epoch} data-done={progress.done?.reason}>
          <span>
            {progress.done ? (
              <>
                {doneText(progress)}
                {progress.samplesPerSec > 0 && ` · ${Math.round(progress.samplesPerSec).toLocaleString()} ${p.unit}/s (wall clock)`}
              </>
            ) : (
              <>
                Epoch {progress.epoch}/{progress.totalEpochs} · step {progress.step}/{progress.stepsPerEpoch} · {progress.step > 0 ? `${Math.round(progress.samplesPerSec).toLocaleString()} ${p.unit}/s` : `— ${p.unit}/s`} · ETA{' '}
                {busy ? formatDuration(progress.etaMs) : 'done'}
              </>
            )}
          </span>
          <progress max={progress.totalEpochs} value={progressValue(progress)} />
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
