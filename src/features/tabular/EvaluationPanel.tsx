import { useMemo } from 'react';
import { probabilityHistogram, reliabilityBins } from '../../ml/calibration/reliability';
import { prCurve, rocCurve } from '../../ml/metrics/binary';
import type { Report } from '../../ml/metrics/report';
import { reliabilityInputs, splitScores } from '../../ml/evaluation/held-out';
import { predictionsReport, splitExtras } from '../../ml/evaluation/held-out-extras';
import { BaselineComparison } from '../evaluate/BaselineComparison';
import { ThresholdPanel } from '../evaluate/ThresholdPanel';
import { CalibrationPanel } from '../evaluate/CalibrationPanel';
import { ExportPanel } from './TabularExport';
import { useRuns } from '../../state/runs-store';
import { ConfusionHeatmap, CurveChart, HistogramChart, ReliabilityChart } from '../evaluate/charts';
import { useRunArtifacts } from '../evaluate/use-run-artifacts';
import { numberAttr } from '../train/number-attr';
import { decisionThreshold } from '../../ml/metrics/threshold';
import { HeldOutRows } from '../evaluate/HeldOutRows';
import { tabularTryRow } from './try-row-tabular';

function ReportTable({ r, caption }: { r: Report; caption: string }) {
  return (
    <table className="metrics" data-testid="evaluation-report">
      <caption>{caption}</caption>
      <tbody>
        {Object.entries(r)
          .filter(([, v]) => typeof v === 'number')
          .map(([k, v]) => (
            <tr key={k} data-metric={k} data-value={numberAttr(v as number)}>
              <th scope="row">{k}</th>
              <td>{Number.isFinite(v) ? (v as number).toFixed(4) : '—'}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** Evaluation of a finished run on its held-out test rows (validation when there are none). */
export function EvaluationPanel({ runId, version }: { runId: string; version?: unknown }) {
  const { predictions: p, calibrator, saveCalibrator } = useRunArtifacts(runId, version);
  const run = useRuns((s) => s.runs.find((r) => r.id === runId));
  const view = useMemo(() => {
    if (!p) return null;
    const split = p.test.y.length > 0 ? ('test' as const) : ('validation' as const);
    const { y, scores } = splitScores(p, split);
    const rel = reliabilityInputs(p.kind, y, scores, p.classes);
    return {
      split,
      y,
      scores,
      report: predictionsReport(p, y, scores),
      extras: split === 'test' ? [splitExtras(p, 'validation'), splitExtras(p, 'test')] : [splitExtras(p, 'validation')],
      bins: rel ? reliabilityBins(rel.outcome, rel.prob, 10) : null,
      hist: rel ? probabilityHistogram(rel.prob, 10) : null,
      roc: p.kind === 'binary' ? rocCurve(y, scores) : null,
      pr: p.kind === 'binary' ? prCurve(y, scores) : null,
    };
  }, [p]);
  if (!p || !view) return null;
  const matrix = (view.report.confusion_matrix as number[][] | undefined) ?? null;
  const labels = p.labels ?? Array.from({ length: p.classes }, (_, i) => String(i));
  return (
    <section className="card" aria-label="Evaluation" data-testid="evaluation-panel">
      <h2>Evaluation on the {view.split} split ({view.y.length} rows, never trained on)</h2>
      <div className="charts">
        <ReportTable r={view.report} caption={`${p.kind} metrics, ${view.split} split${p.kind === 'binary' ? ' (at threshold 0.5; the chosen threshold is applied below)' : ''}`} />
        {matrix && <ConfusionHeatmap matrix={matrix} labels={labels} />}
        {p.kind === 'binary' && !matrix && <ConfusionHeatmap matrix={binaryMatrix(view.y, view.scores, 0.5)} labels={labels} />}
      </div>
      <div className="charts">
        {view.extras.map((x, i) => {
          const split = i === 0 ? 'validation' : 'test';
          return <BaselineComparison key={split} kind={p.kind} metrics={x.metrics} baseline={x.baseline} ci={x.ci} n={p[split].y.length} caption={`${split[0].toUpperCase()}${split.slice(1)} metrics`} testId={`baseline-${split}`} />;
        })}
      </div>
      {p.kind === 'binary' && <ThresholdPanel key={runId} runId={runId} predictions={p} />}
      <div className="charts">
        {view.roc && <CurveChart points={view.roc} title={`ROC curve (AUC ${(view.report.roc_auc as number).toFixed(3)})`} xLabel="false positive rate" yLabel="true positive rate" testId="roc-curve" />}
        {view.pr && <CurveChart points={view.pr} title={`Precision–recall (AP ${(view.report.average_precision as number).toFixed(3)})`} xLabel="recall" yLabel="precision" testId="pr-curve" />}
        {view.bins && <ReliabilityChart series={[{ name: 'model', color: '#f08a4b', bins: view.bins }]} title={p.kind === 'binary' ? 'Reliability' : 'Reliability (top-label confidence)'} testId="reliability-final" />}
        {view.hist && <HistogramChart counts={view.hist} title="Predicted probabilities" testId="probability-histogram" />}
      </div>
      {run?.family === 'tabular' && <HeldOutRows key={`rows:${runId}:${calibrator ? 'cal' : 'raw'}`} predictions={p} target={run.task.target} fileStem={run.name} threshold={decisionThreshold(run.threshold)} loadTry={() => tabularTryRow(run, decisionThreshold(run.threshold))} />}
      {(p.kind === 'binary' || p.kind === 'multiclass') && <CalibrationPanel runId={runId} predictions={p} saved={calibrator} onSave={saveCalibrator} />}
      {run?.family === 'tabular' && <ExportPanel key={`export:${runId}:${calibrator ? 'cal' : 'raw'}`} run={run} />}
    </section>
  );
}

function binaryMatrix(y: Float64Array, p: Float64Array, threshold: number): number[][] {
  const m = [
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < y.length; i++) m[y[i]][p[i] >= threshold ? 1 : 0]++;
  return m;
}
