import { BOOTSTRAP_MAX_ROWS } from '../../ml/metrics/bootstrap';
import { baselineChecks, baselineLosses, beats } from '../../ml/metrics/baseline';
import type { MetricMap } from '../../ml/metrics/evaluate';
import type { BaselineResult, Intervals } from '../../ml/eval/report-extras';
import type { TaskKind } from '../../ml/task';
import { numberAttr } from '../train/number-attr';
import { metricName } from '../../ml/metrics/metric-names';

const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—');

/** "log loss 0.4501 vs 0.4355, accuracy 0.70 vs 0.71" */
function lossList(losses: { metric: string; model: number; baseline: number }[]): string {
  return losses.map((l) => `${metricName(l.metric)} ${fmt(l.model)} vs ${fmt(l.baseline)}`).join(', ');
}

/**
 * A metric table's companion: each metric with its 95 % bootstrap interval (small sets) and the
 * dummy baseline's value, and a warning naming the metrics on which the model does not beat the
 * baseline. Nothing to add (no baseline, no intervals) renders nothing.
 */
export function BaselineComparison({ kind, metrics, baseline, ci, n, caption, testId }: { kind: TaskKind; metrics: MetricMap; baseline?: BaselineResult; ci?: Intervals; n: number; caption: string; testId: string }) {
  if (!baseline && !ci) return null;
  const checked = new Set(baselineChecks(kind));
  const keys = Object.keys(metrics).filter((k) => Number.isFinite(metrics[k]) || (baseline && k in baseline.metrics));
  const losses = baseline ? baselineLosses(kind, metrics, baseline.metrics) : [];
  return (
    <div className="baseline-comparison" data-testid={testId} data-losing={losses.map((l) => l.metric).join(' ')}>
      <table className="metrics">
        <caption>
          {caption} (n = {n}){baseline ? ` beside the ${baseline.name} baseline` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">model</th>
            {ci && <th scope="col">95 % interval</th>}
            {baseline && <th scope="col">baseline</th>}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const verdict = baseline && checked.has(k) ? beats(k, metrics[k], baseline.metrics[k]) : null;
            return (
              <tr key={k} data-metric={k} data-value={numberAttr(metrics[k])} data-baseline={numberAttr(baseline?.metrics[k])} data-ci-lo={numberAttr(ci?.[k]?.lo)} data-ci-hi={numberAttr(ci?.[k]?.hi)} data-beats={verdict === null ? undefined : String(verdict)}>
                <th scope="row">{metricName(k)}</th>
                <td>
                  {fmt(metrics[k])}
                  {verdict === false && (
                    <span className="error-text" title="does not beat the baseline">
                      {' '}
                      ✗
                    </span>
                  )}
                </td>
                {ci && <td>{ci[k] ? `[${fmt(ci[k].lo)}, ${fmt(ci[k].hi)}]` : '—'}</td>}
                {baseline && <td>{fmt(baseline.metrics[k])}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {losses.length > 0 && (
        <p className="error-text" role="alert" data-testid="baseline-warning">
          The model does not beat the {baseline!.name} baseline on {lossList(losses)}. It has not learned more than the {kind === 'regression' ? 'training mean' : 'class shares'} tell; check the features and the target before using it.
        </p>
      )}
      {ci && (
        <p className="muted">
          Intervals: 95 % percentile bootstrap over 1000 seeded resamples of these {n} rows (shown below {BOOTSTRAP_MAX_ROWS} rows, where one number hides how much it could move).
        </p>
      )}
    </div>
  );
}
