import type { LiveScope } from '../../state/live-scope';
import { isBusy } from './TrainControls';

/** Says that the family's live run belongs to another dataset, instead of showing its figures here. */
export function LiveElsewhere({ scope }: { scope: LiveScope }) {
  const r = scope.elsewhere;
  if (!r || !isBusy(scope.phase)) return null;
  return (
    <p className="note" role="status" data-testid="live-elsewhere" data-run-id={r.id}>
      “{r.name}” is training on {r.datasetName}; its curves and results show there (or open it under Runs). Stop it to train here.
    </p>
  );
}
