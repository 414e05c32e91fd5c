import { useEffect, useState } from 'react';
import type { GbdtRunRecord } from '../../db/records';
import { useGbdt } from '../../state/gbdt-store';
import { isGbdtCvEndedEarly, isGbdtResumable, storedGbdtCheckpoint } from '../../state/gbdt-resume';
import { formatBytes } from '../runs/storage';
import { isBusy } from '../train/TrainControls';

/** The run's stored GBDT checkpoint (round, size), read again when `version` changes. */
function useGbdtCheckpoint(runId: string, version: string): { epoch: number; bytes: number } | null {
  const [cp, setCp] = useState<{ epoch: number; bytes: number } | null>(null);
  useEffect(() => {
    let alive = true;
    storedGbdtCheckpoint(runId).then(
      (c) => alive && setCp(c),
      () => alive && setCp(null),
    );
    return () => {
      alive = false;
    };
  }, [runId, version]);
  return cp;
}

/**
 * A GBDT run's checkpoint line: while it trains in this tab, its round and last checkpoint (and
 * Stop); once a holdout run was interrupted, stopped or failed with a checkpoint stored, "Resume
 * from round K". A cross-validation run that ended early says why it has no resume.
 */
export function GbdtResume({ run }: { run: GbdtRunRecord }) {
  const phase = useGbdt((s) => s.phase);
  const ours = useGbdt((s) => s.runId === run.id);
  const liveCp = useGbdt((s) => (s.runId === run.id ? s.checkpoint : null));
  const progress = useGbdt((s) => (s.runId === run.id ? s.progress : null));
  const error = useGbdt((s) => (s.runId === run.id ? s.error : null));
  const resume = useGbdt((s) => s.resume);
  const stop = useGbdt((s) => s.stop);
  const stored = useGbdtCheckpoint(run.id, `${run.status}:${liveCp?.epoch ?? ''}:${phase}`);
  const busy = isBusy(phase);
  const errorLine = error && (
    <p className="error-text" role="alert" data-testid="resume-error">
      {error}
    </p>
  );
  if (isGbdtCvEndedEarly(run)) {
    return (
      <p className="note" data-testid="gbdt-cv-no-resume">
        Cross-validation runs are not resumed from a checkpoint: each fold is a short fit begun afresh, so train this run again.
      </p>
    );
  }
  if (ours && busy) {
    return (
      <div className="resume-row" data-testid="checkpoint-status" data-epoch={liveCp?.epoch ?? ''}>
        <span className="muted">
          {progress ? `Training: round ${progress.epoch}/${progress.totalEpochs} · ` : ''}
          {liveCp ? `last checkpoint: round ${liveCp.epoch} (${formatBytes(liveCp.bytes)})` : 'no checkpoint yet'}
        </span>
        <button type="button" data-testid="run-stop" disabled={phase === 'stopping' || phase === 'saving'} onClick={stop}>
          {phase === 'stopping' ? 'Stopping…' : 'Stop'}
        </button>
        {errorLine}
      </div>
    );
  }
  if (!isGbdtResumable(run) || !stored) return errorLine || null;
  return (
    <div className="resume-row">
      <button type="button" className="primary" data-testid="resume-run" data-epoch={stored.epoch} disabled={busy} onClick={() => void resume(run.id)}>
        Resume from round {stored.epoch}
      </button>
      <span className="muted">{busy ? 'another GBDT run is training' : `checkpoint ${formatBytes(stored.bytes)}; rounds after ${stored.epoch} are trained again, to the same trees`}</span>
      {errorLine}
    </div>
  );
}
