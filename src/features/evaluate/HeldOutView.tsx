import type { HeldOutReport } from '../../ml/eval/cv-result';
import { ConfusionHeatmap, ReliabilityChart } from './charts';
import { MetricsTable } from '../train/MetricsTable';
import { BaselineComparison } from './BaselineComparison';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');

/** Metrics, grade confusion matrix, per-grade precision / recall and the calibration of the predicted distribution. */
export function HeldOutView({ report, caption, testId }: { report: HeldOutReport; caption: string; testId: string }) {
  // the comparison holds every metric with its baseline and interval; the plain table only where there is neither
  const metricsTable =
    report.baseline || report.ci ? (
      <BaselineComparison kind={report.kind} metrics={report.metrics} baseline={report.baseline} ci={report.ci} n={report.n} caption={caption} testId={`${testId}-baseline`} />
    ) : (
      <MetricsTable metrics={report.metrics} caption={`${caption} (n = ${report.n})`} />
    );
  if (report.kind === 'regression') return <div className="charts">{metricsTable}</div>;
  const unit = report.kind === 'ordinal' ? 'grade' : 'class';
  const units = report.kind === 'ordinal' ? 'grades' : 'classes';
  return (
    <div className="heldout-report" data-testid={testId}>
      <div className="charts">
        {metricsTable}
        <figure className="chart">
          <figcaption>Confusion matrix ({units}; rows = true)</figcaption>
          <ConfusionHeatmap matrix={report.confusion} labels={report.labels} />
        </figure>
      </div>
      <div className="charts">
        <table className="metrics" data-testid="per-grade-table">
          <caption>Per {unit}: precision, recall, and predicted vs observed share</caption>
          <thead>
            <tr>
              <th scope="col">{unit}</th>
              <th scope="col">n</th>
              <th scope="col">precision</th>
              <th scope="col">recall</th>
              <th scope="col">mean P({unit})</th>
              <th scope="col">observed share</th>
            </tr>
          </thead>
          <tbody>
            {report.labels.map((l, k) => (
              <tr key={l} data-grade={l}>
                <th scope="row">{l}</th>
                <td>{report.support[k]}</td>
                <td>{pct(report.precision[k])}</td>
                <td>{pct(report.recall[k])}</td>
                <td>{pct(report.distribution[k].predicted)}</td>
                <td>{pct(report.distribution[k].observed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ReliabilityChart series={[{ name: report.kind === 'binary' ? 'model' : 'top label', color: '#f08a4b', bins: report.topLabelBins }]} title={report.kind === 'binary' ? `Reliability of P(${report.labels[1]})` : `Top-${unit} confidence reliability`} testId={`${testId}-reliability`} />
      </div>
    </div>
  );
}
