import { useState } from 'react';
import type { EpochMetricRecord, RunRecord } from '../../db/records';
import { meaningfulRow } from '../../ml/compare/compare-runs';
import { epochSnapshot } from '../../ml/registry/compare';
import { diffRows } from '../../ml/registry/diff';
import { runConfig } from '../registry/run-snapshot';
import { RUN_COLORS } from './CurveOverlay';

import { runLabels, showValue } from './compare-labels';

/** Config and metrics of the pinned runs side by side; metrics at each run's best epoch and at its last; "only differences" hides equal rows. */
export function CompareTable({ runs, series }: { runs: RunRecord[]; series: Record<string, EpochMetricRecord[]> }) {
  const [onlyDiff, setOnlyDiff] = useState(true);
  const snaps = runs.map((r) => epochSnapshot(series[r.id] ?? [], r.bestEpoch));
  const config = diffRows(runs.map(runConfig), onlyDiff);
  const metrics = diffRows(
    runs.map((r, i) => ({ best_epoch: snaps[i].bestEpoch ?? undefined, last_epoch: snaps[i].lastEpoch ?? undefined, at_best: snaps[i].best, at_last: snaps[i].last, final: r.finalMetrics ?? {} })),
    false,
  ).filter((row) => meaningfulRow(row.key, row.values));
  const labels = runLabels(runs);
  return (
    <div data-testid="compare-table">
      <label className="check">
        <input type="checkbox" data-testid="compare-only-diff" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> Only differences
      </label>
      <table className="metrics">
        <thead>
          <tr>
            <th />
            {runs.map((r, i) => (
              <th key={r.id} style={{ color: RUN_COLORS[i % RUN_COLORS.length] }}>
                {labels[i]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th colSpan={runs.length + 1}>Config{onlyDiff ? ' (differences only)' : ''}</th>
          </tr>
          {config.length === 0 && (
            <tr>
              <td colSpan={runs.length + 1} className="muted">
                identical setups
              </td>
            </tr>
          )}
          {config.map((row) => (
            <tr key={row.key} data-testid="compare-config-row" data-key={row.key} className={row.same ? '' : 'differs'}>
              <td>{row.key}</td>
              {row.values.map((v, i) => (
                <td key={i}>{showValue(row.key, v)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th colSpan={runs.length + 1}>Metrics (at the best epoch, at the last, and as stored)</th>
          </tr>
          {metrics.map((row) => (
            <tr key={row.key} data-testid="compare-metric-row" data-key={row.key}>
              <td>{row.key}</td>
              {row.values.map((v, i) => (
                <td key={i}>{showValue(row.key, v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
