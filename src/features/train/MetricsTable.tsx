import type { MetricMap } from '../../ml/metrics/evaluate';

const LABELS: Record<string, string> = {
  accuracy: 'Accuracy',
  roc_auc: 'ROC AUC',
  f1: 'F1',
  precision: 'Precision',
  recall: 'Recall',
  log_loss: 'Log loss',
  f1_macro: 'F1 (macro)',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
  adjacent_accuracy: 'Adjacent accuracy (±1)',
  qwk: 'QWK',
};

export function MetricsTable({ metrics, caption }: { metrics: MetricMap; caption: string }) {
  return (
    <table className="metrics" data-testid="metrics-table">
      <caption>{caption}</caption>
      <tbody>
        {Object.entries(metrics).map(([k, v]) => (
          <tr key={k} data-metric={k} data-value={v}>
            <th scope="row">{LABELS[k] ?? k}</th>
            <td>{Number.isFinite(v) ? v.toFixed(4) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
