import type { CvRunResult } from '../../ml/eval/cv-result';
import type { TaskKind } from '../../ml/task';
import { CvTable, cvKeys } from './CvTable';
import { HeldOutView } from './HeldOutView';

/** A finished cross-validation: per-fold table with mean ± std, then the pooled out-of-fold report. */
export function CvReport({ cv, kind }: { cv: CvRunResult; kind: TaskKind }) {
  return (
    <div className="cv-report" data-testid="cv-report">
      <CvTable folds={cv.folds} summary={cv.summary} keys={cvKeys(kind)} />
      <p className="muted">
        {cv.config.folds}-fold {cv.config.strategy === 'group' ? `grouped by ${cv.config.groupColumn}` : cv.config.strategy === 'stratified' ? 'stratified' : 'shuffled'}
        {cv.config.repeats > 1 ? `, ${cv.config.repeats} repeats` : ''}, fold seed {cv.config.seed}. Each fold stops early on 15% of its own training rows; its test rows are
        scored once. Mean ± std is over folds (population std).
      </p>
      <HeldOutView report={cv.pooled} caption="Out-of-fold predictions (every row predicted by the fold that held it out)" testId="cv-oof" />
    </div>
  );
}
