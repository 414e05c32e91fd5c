import type { GbdtRunResult } from '../../ml/models/gbdt/train-gbdt';
import { CvReport } from '../evaluate/CvReport';
import { HeldOutView } from '../evaluate/HeldOutView';
import { ImportanceTable } from './ImportanceTable';
import { RoundChart, type RoundPoint } from '../evaluate/RoundChart';

/** Everything a finished GBDT run reports, from its stored result (the live panel and the run view both show this). */
export function GbdtReport({ result }: { result: GbdtRunResult }) {
  const points: RoundPoint[] = result.cv
    ? result.cv.folds.filter((f) => f.repeat === 0).flatMap((f) => f.history.map((h) => ({ fold: f.fold, round: h.round, trainLoss: h.trainLoss, validationLoss: h.validationLoss })))
    : result.history.map((h) => ({ fold: null, round: h.round, trainLoss: h.trainLoss, validationLoss: h.validationLoss }));
  return (
    <div className="gbdt-report" data-testid="gbdt-report" data-mode={result.mode}>
      <p className="muted">
        {result.featureNames.length} features from {result.widths.length} columns
        {result.widths.some((w) => w.kind === 'embedding') ? ` (embeddings: ${result.widths.filter((w) => w.kind === 'embedding').map((w) => `${w.column} ×${w.width}`).join(', ')})` : ''}
        {result.droppedRows ? ` · ${result.droppedRows} rows without a usable target left out` : ''}
        {result.mode === 'holdout' ? ` · ${result.bestRound} rounds kept (${result.reason})` : ` · median ${result.bestRound} rounds per fold`}
      </p>
      {result.cv && <CvReport cv={result.cv} kind={result.kind} />}
      {points.length > 0 && <RoundChart points={points} title={result.cv ? 'Early-stopping loss per round, by fold' : 'Loss per round'} />}
      {result.validation && <HeldOutView report={result.validation} caption="Validation" testId="gbdt-validation" />}
      {result.test && <HeldOutView report={result.test} caption="Test (never used for early stopping)" testId="gbdt-test" />}
      <ImportanceTable importance={result.importance} />
    </div>
  );
}
