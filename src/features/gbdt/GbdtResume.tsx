import type { GbdtRunRecord } from '../../db/records';
import { useGbdt } from '../../state/gbdt-store';
import { RESUMABLE } from '../../state/run-resume';
import { ResumeCheckpoint } from '../runs/ResumeCheckpoint';

/**
 * A GBDT run's checkpoint line: the generic one, counted in rounds. A cross-validation run that
 * ended early says why it has no resume (its folds are short fits, not checkpointed).
 */
export function GbdtResume({ run }: { run: GbdtRunRecord }) {
  if (run.evaluation.mode === 'cv' && RESUMABLE.has(run.status)) {
    return (
      <p className="note" data-testid="gbdt-cv-no-resume">
        Cross-validation runs are not resumed from a checkpoint: each fold is a short fit begun afresh, so train this run again.
      </p>
    );
  }
  return <ResumeCheckpoint run={run} live={useGbdt} alerts unit="round" again="to the same trees" />;
}
