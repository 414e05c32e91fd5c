import type { MetricMap } from '../../ml/metrics/evaluate';
import { metricName } from '../../ml/metrics/metric-names';
import { numberAttr } from './number-attr';

export function MetricsTable({ metrics, caption }: { metrics: MetricMap; caption: string }) {
  return (
    <table className="metrics" data-testid="metrics-table">
      <caption>{caption}</caption>
      <tbody>
        {Object.entries(metrics).map(([k, v]) => (
          <tr key={k} data-metric={k} data-value={numberAttr(v)}>
            <th scope="row">{metricName(k)}</th>
            <td>{Number.isFinite(v) ? v.toFixed(4) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
