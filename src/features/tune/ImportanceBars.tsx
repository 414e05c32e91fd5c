import { memo, useMemo } from 'react';
import { paramImportance } from '../../ml/tune/importance';
import type { Trial } from '../../ml/tune/search';
import type { SearchSpace } from '../../ml/tune/space';

/**
 * Which params moved the metric, from complete trials only: a pruned trial's value is from a
 * shorter fit and would credit whatever got it pruned.
 */
export const ImportanceBars = memo(function ImportanceBars({ trials, space }: { trials: Trial[]; space: SearchSpace }) {
  const { complete, imp } = useMemo(() => {
    const c = trials.filter((t) => t && t.state === 'complete' && t.value !== null);
    return { complete: c, imp: paramImportance(space, c.map((t) => ({ params: t.params, value: t.value as number }))) };
  }, [space, trials]);
  const flat = imp.every((x) => Math.abs(x.importance - 1 / Math.max(1, imp.length)) < 1e-9);
  return (
    <figure className="chart importance" data-testid="importance" data-complete={complete.length}>
      <figcaption>Parameter importance ({complete.length} complete trials, share of the explained spread in rank)</figcaption>
      <ol>
        {imp.map((x) => (
          <li key={x.name} data-testid="importance-row" data-param={x.name} data-importance={x.importance}>
            <span className="importance-name">{x.name}</span>
            <span className="importance-bar" aria-hidden="true">
              <span style={{ width: `${Math.round(x.importance * 100)}%` }} />
            </span>
            <span className="importance-value">{(x.importance * 100).toFixed(0)}%</span>
          </li>
        ))}
      </ol>
      {flat && <p className="muted">No param stands out yet: too few complete trials, or none of them mattered. Shares are equal.</p>}
    </figure>
  );
});
