import { useEffect, useState } from 'react';
import { getCheckpoint } from '../../db/checkpoints-repo';
import type { RunRecord } from '../../db/records';
import { isCrossValidation, isResumable, type ResumableState } from '../../state/run-resume';
import { isBusy } from '../train/TrainControls';
import { formatBytes } from './storage';

/** A run's stored checkpoint (epoch, size), read again when `version` changes. */
function useStoredCheckpoint(runId: string, version: string): { epoch: number; bytes: number } | null {
  const [cp, setCp] = useState<{ epoch: number; bytes: number } | null>(null);
  useEffect(() => {
    let alive = true;
    getCheckpoint(runId)
      .then((rec) => alive && setCp(rec ? { epoch: rec.epoch, bytes: rec.bytes } : null))
      .catch(() => alive && setCp(null));
    return () => {
      alive = false;
    };
  }, [runId, version]);
  return cp;
}

/** A store hook that resumes runs: the run's family's store. */
export type ResumableStore = <U>(selector: (s: ResumableState) => U) => U;

/**
 * A run's checkpoint line, for a family whose fits checkpoint: while it trains, the last checkpoint
 * saved (and Stop); once it was interrupted, stopped or crashed with a checkpoint stored, "Resume
 * from epoch K". `live` is the store of the run's family. `alerts` shows the store's error for this run, where no other line does.
 * `unit` is what the family's fit counts (a tree's are rounds); `again` says how the steps after
 * the checkpoint come out when trained again (default: on the run's backend).
 */
export function ResumeCheckpoint({ run, live, alerts = false, unit = 'epoch', again }: { run: RunRecord; live: ResumableStore; alerts?: boolean; unit?: string; again?: string }) {
  const phase = live((s) => s.phase);
  const ours = live((s) => s.runId === run.id);
  const liveCp = live((s) => (s.runId === run.id ? s.checkpoint : null));
  const progress = live((s) => (s.runId === run.id ? s.progress : null));
  const error = live((s) => (s.runId === run.id ? s.error : null));
  const resume = live((s) => s.resume);
  const stop = live((s) => s.stop);
  const stored = useStoredCheckpoint(run.id, `${run.status}:${liveCp?.epoch ?? ''}:${phase}`);
  if (isCrossValidation(run)) return null;
  const busy = isBusy(phase);
  const errorLine = alerts && error && (
    <p className="error-text" role="alert" data-testid="resume-error">
      {error}
    </p>
  );
  if (ours && busy) {
    return (
      <div className="resume-row" data-testid="checkpoint-status" data-epoch={liveCp?.epoch ?? ''}>
        <span className="muted">
          {progress ? `Training: ${unit} ${progress.epoch}/${progress.totalEpochs} · ` : ''}
          {liveCp ? `last checkpoint: ${unit} ${liveCp.epoch} (${formatBytes(liveCp.bytes)})` : 'no checkpoint yet'}
        </span>
        {alerts && (
          <button type="button" data-testid="run-stop" disabled={phase === 'stopping' || phase === 'saving'} onClick={stop}>
            {phase === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        )}
        {errorLine}
      </div>
    );
  }
  if (!isResumable(run) || !stored) return errorLine || null;
  return (
    <div className="resume-row">
      <button type="button" className="primary" data-testid="resume-run" data-epoch={stored.epoch} disabled={busy} onClick={() => void resume(run.id)}>
        Resume from {unit} {stored.epoch}
      </button>
      <span className="muted">
        {busy ? 'another run of this kind is training' : `checkpoint ${formatBytes(stored.bytes)}; ${unit}s after ${stored.epoch} are trained again ${again ?? `on ${run.backend ?? run.backendRequested}`}`}
      </span>
      {errorLine}
    </div>
  );
}
