import { useState } from 'react';
import type { Trial } from '../../ml/tune/search';
import type { SearchSpace } from '../../ml/tune/space';
import type { Direction } from '../../ml/tune/tpe';
import { formatParam, formatValue } from './format';
import { metricName } from '../../ml/metrics/metric-names';
import { numberAttr } from '../train/number-attr';

type Order = 'index' | 'best';

/** Trials often take under a second: tenths, not the run list's whole seconds. */
function trialDuration(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}

function stateText(t: Trial, liveEpoch: number | null): string {
  switch (t.state) {
    case 'running':
      return liveEpoch ? `running · epoch ${liveEpoch}` : 'running';
    case 'pruned':
      return `pruned at epoch ${t.prunedAt ?? t.steps}`;
    case 'failed':
      return 'failed';
    case 'complete':
      return `complete · ${t.steps} epochs`;
  }
}

/** Trials with a value first, best first; the rest after them in trial order. */
export function sortTrials(trials: Trial[], order: Order, direction: Direction): Trial[] {
  if (order === 'index') return trials.slice().sort((a, b) => a.index - b.index);
  const sign = direction === 'maximize' ? -1 : 1;
  const rank = (t: Trial) => (t.state === 'complete' ? 0 : t.state === 'pruned' ? 1 : 2);
  return trials.slice().sort((a, b) => rank(a) - rank(b) || (a.value !== null && b.value !== null ? sign * (a.value - b.value) : 0) || a.index - b.index);
}

/** Every trial as it runs and ends: state (pruned at which epoch, or why it failed), value, params, duration. */
export function TrialsTable(p: { trials: Trial[]; space: SearchSpace; metric: string; direction: Direction; bestIndex: number | null; current?: { trial: number; epoch: number } | null }) {
  const [order, setOrder] = useState<Order>('index');
  const rows = sortTrials(
    p.trials.filter((t): t is Trial => !!t),
    order,
    p.direction,
  );
  const names = p.space.map((s) => s.name);
  return (
    <div className="table-scroll">
      <table className="metrics trials" data-testid="trials-table" data-order={order}>
        <caption>
          Trials · {metricName(p.metric)} ({p.direction === 'maximize' ? 'higher' : 'lower'} is better; a pruned trial shows the best value it reached)
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={order === 'index' ? 'ascending' : 'none'}>
              <button type="button" className="sort" data-testid="trials-sort-index" onClick={() => setOrder('index')}>
                #
              </button>
            </th>
            <th scope="col">State</th>
            <th scope="col" aria-sort={order === 'best' ? (p.direction === 'maximize' ? 'descending' : 'ascending') : 'none'}>
              <button type="button" className="sort" data-testid="trials-sort-value" onClick={() => setOrder(order === 'best' ? 'index' : 'best')}>
                {metricName(p.metric)} {order === 'best' ? '▼' : '⇅'}
              </button>
            </th>
            {names.map((n) => (
              <th scope="col" key={n}>
                {n}
              </th>
            ))}
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr
              key={t.index}
              data-testid="trial-row"
              data-index={t.index}
              data-state={t.state}
              data-value={numberAttr(t.value)}
              data-pruned-at={t.prunedAt ?? ''}
              className={t.index === p.bestIndex ? 'selected' : ''}
              aria-current={t.index === p.bestIndex ? 'true' : undefined}
            >
              <td>{t.index + 1}</td>
              <td className={t.state === 'failed' ? 'bad' : ''}>
                {stateText(t, p.current?.trial === t.index ? p.current.epoch : null)}
                {t.index === p.bestIndex && <span className="badge">best</span>}
                {t.error && (
                  <div className="error-text" data-testid="trial-error">
                    {t.error}
                  </div>
                )}
              </td>
              <td data-metric={p.metric}>{formatValue(t.value)}</td>
              {names.map((n) => (
                <td key={n} data-param={n} data-raw={String(t.params[n] ?? '')}>
                  {formatParam(t.params[n])}
                </td>
              ))}
              <td>{t.state === 'running' ? '…' : trialDuration(t.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
