import { useState } from 'react';
import type { SearchRunRecord } from '../../db/records';
import type { Trial } from '../../ml/tune/search';
import { formatParam, formatValue } from './format';
import { metricName } from '../../ml/metrics/metric-names';
import { numberAttr } from '../train/number-attr';
import { searchView, type SearchView } from './search-views';

/** The best trial in words, and the button that trains it as a run. */
export function TrainBest({ run, best }: { run: SearchRunRecord; best: Trial | null }) {
  const view = searchView(run);
  if (!best) return <p className="muted" data-testid="search-best">No trial completed, so there is no best config to train.</p>;
  return (
    <div className="search-best" data-testid="search-best" data-trial={best.index} data-value={numberAttr(best.value)}>
      <p>
        Best: trial {best.index + 1} · {metricName(run.study.metric)} <strong>{formatValue(best.value)}</strong> ·{' '}
        {Object.entries(best.params)
          .map(([k, v]) => `${k} ${formatParam(v)}`)
          .join(', ')}
      </p>
      {view ? (
        // keyed by family: each family's busy flag is its own store's hook
        <TrainBestButton key={run.trialFamily} run={run} best={best} view={view} />
      ) : (
        <p className="muted" data-testid="train-best-unavailable">
          Training the best trial as a run is not offered for this family yet: set its settings to the best trial's by hand.
        </p>
      )}
    </div>
  );
}

/** The button that trains the best trial as a run of the family, and what went wrong when it could not. */
function TrainBestButton({ run, best, view }: { run: SearchRunRecord; best: Trial; view: SearchView }) {
  const training = view.useBusy();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <div className="train-actions">
        <button
          type="button"
          className="primary"
          data-testid="train-best"
          disabled={training}
          title={training ? 'a training run is in progress' : ''}
          onClick={() => {
            setError(null);
            view.trainBest(run, best).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          }}
        >
          Train the best trial as a run
        </button>
        <span className="muted">{view.same}; the run can then be registered</span>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="train-best-error">
          {error}
        </p>
      )}
    </>
  );
}
