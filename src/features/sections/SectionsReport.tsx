import { useMemo } from 'react';
import { reliabilityBins, topLabel, topLabelEce } from '../../ml/calibration/reliability';
import { multiclassLogLoss } from '../../ml/metrics/multiclass';
import { floorCoverage } from '../../ml/models/sections/evaluate';
import { softmaxTemperature, type SectionsModel } from '../../ml/models/sections/model';
import type { SectionsRunResult } from '../../ml/models/sections/run-result';
import { ConfusionHeatmap, ReliabilityChart } from '../evaluate/charts';
import { EXTRA_COLORS } from '../evaluate/palette';

const f = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '—');

/** Per-class precision, recall and F1 on the test sections, the confusion matrix, then calibration and the floor. */
export function SectionsReport({ result, model }: { result: SectionsRunResult; model: SectionsModel }) {
  const prec = result.report.precision_per_class as number[];
  const rec = result.report.recall_per_class as number[];
  return (
    <div data-testid="sections-report">
      <h3>Held-out report ({result.counts.test.toLocaleString()} test sections)</h3>
      <p data-testid="sections-metrics">
        Accuracy <strong data-testid="sections-accuracy">{f(result.metrics.accuracy)}</strong> · macro F1 {f(result.metrics.f1_macro)} · log loss {f(result.metrics.log_loss)} · top-label ECE {f(result.metrics.top_label_ece_15_uniform)}
      </p>
      {model.heldOutAccuracy < 0.7 && (
        <p className="note" data-testid="sections-unusable">
          Held-out accuracy is under 70%: by the pipeline&apos;s rule every decision falls back to the whole text.
        </p>
      )}
      <table className="data-table" data-testid="sections-class-report">
        <thead>
          <tr>
            <th scope="col">label</th>
            <th scope="col">precision</th>
            <th scope="col">recall</th>
            <th scope="col">F1</th>
            <th scope="col">test sections</th>
          </tr>
        </thead>
        <tbody>
          {result.labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              <td>{f(prec[i])}</td>
              <td>{f(rec[i])}</td>
              <td>{f(prec[i] + rec[i] > 0 ? (2 * prec[i] * rec[i]) / (prec[i] + rec[i]) : 0)}</td>
              <td>{result.support[i]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfusionHeatmap matrix={result.report.confusion_matrix as number[][]} labels={result.labels} testId="sections-confusion" />
      <SectionsCalibration result={result} model={model} />
    </div>
  );
}

/** Top-label reliability on the test sections before (T = 1) and after the temperature, and what the floor trusts. */
function SectionsCalibration({ result, model }: { result: SectionsRunResult; model: SectionsModel }) {
  const k = result.labels.length;
  const figures = useMemo(() => {
    const y = result.test.y;
    const scaled = result.heldOut.test.logits;
    const before = softmaxTemperature(Float64Array.from(scaled, (z) => z * result.temperature), k, 1);
    const after = result.test.probabilities;
    const bins = (p: ArrayLike<number>) => {
      const t = topLabel(y, p, k);
      return reliabilityBins(t.correct, t.confidence, 10);
    };
    return {
      series: [
        { name: 'uncalibrated', color: EXTRA_COLORS[5], bins: bins(before) },
        { name: `temperature ${result.temperature.toFixed(2)}`, color: EXTRA_COLORS[0], bins: bins(after) },
      ],
      ece: [topLabelEce(y, before, k, 15), topLabelEce(y, after, k, 15)],
      logLoss: [multiclassLogLoss(y, before, k), multiclassLogLoss(y, after, k)],
      floor: floorCoverage(after, y, k, model.floor),
    };
  }, [result, model.floor, k]);
  return (
    <div data-testid="sections-calibration">
      <h3>Calibration and the confidence floor</h3>
      <p className="muted">
        Temperature scaling fitted on the {result.counts.validation.toLocaleString()} validation sections (T = {result.temperature.toFixed(3)}), measured on the test sections: top-label ECE {f(figures.ece[0])} → {f(figures.ece[1])}, log loss {f(figures.logLoss[0])} →{' '}
        {f(figures.logLoss[1])}.
      </p>
      <p data-testid="sections-floor">
        At the floor {model.floor}, {(figures.floor.covered * 100).toFixed(1)}% of test sections get a trusted label (accuracy {f(figures.floor.accuracy)} on them); the rest fall back to the whole text.
      </p>
      <div className="charts">
        <ReliabilityChart series={figures.series} testId="sections-reliability" title="Top-label reliability (test sections)" />
      </div>
    </div>
  );
}
