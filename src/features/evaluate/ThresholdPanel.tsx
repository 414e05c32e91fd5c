import { useEffect, useMemo, useRef, useState } from 'react';
import { prCurve, rocCurve } from '../../ml/metrics/binary';
import { bestF1Threshold, confusionRows, decisionThreshold, DEFAULT_THRESHOLD, metricsAtThreshold, precisionRecallCurve } from '../../ml/metrics/threshold';
import { splitScores, type HeldOutPredictions } from '../../ml/evaluation/held-out';
import { useRuns } from '../../state/runs-store';
import { CurveWithPoint, thinCurve } from './threshold-charts';
import { ConfusionHeatmap } from './charts';

/** How long after the last change the threshold is written to the run (a dragged slider writes once). */
const SAVE_DELAY_MS = 150;
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

/**
 * A binary run's decision threshold, chosen on the validation split: slider and number input,
 * the precision–recall curve and the ROC curve with the operating point, and precision, recall,
 * F1, accuracy and the confusion matrix there. The choice is saved with the run (the export's
 * label output uses it).
 */
export function ThresholdPanel({ runId, predictions: p }: { runId: string; predictions: HeldOutPredictions }) {
  const stored = useRuns((s) => s.runs.find((r) => r.id === runId)?.threshold);
  const setThreshold = useRuns((s) => s.setThreshold);
  const [value, setValue] = useState(() => decisionThreshold(stored));
  const [typed, setTyped] = useState(() => String(decisionThreshold(stored)));
  const [saved, setSaved] = useState(() => decisionThreshold(stored));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<number | null>(null);

  const data = useMemo(() => {
    const { y, scores } = splitScores(p, 'validation');
    if (y.length === 0) return null;
    const test = p.test.y.length ? splitScores(p, 'test') : null;
    return { y, scores, test, pr: thinCurve(prCurve(y, scores)), roc: thinCurve(rocCurve(y, scores)), best: bestF1Threshold(precisionRecallCurve(y, scores)) };
  }, [p]);
  const at = useMemo(() => (data ? metricsAtThreshold(data.y, data.scores, value) : null), [data, value]);
  const atTest = useMemo(() => (data?.test ? metricsAtThreshold(data.test.y, data.test.scores, value) : null), [data, value]);

  // a pending write is flushed when the panel goes (another run opened, the tab's view changed)
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (pending.current !== null) void setThreshold(runId, pending.current);
    },
    [runId, setThreshold],
  );

  // typing keeps the field as typed ("0." on the way to "0.3"); the slider and buttons rewrite it
  const choose = (t: number, fromTyping = false) => {
    const v = Math.min(1, Math.max(0, t));
    setValue(v);
    if (!fromTyping) setTyped(String(v));
    pending.current = v;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      pending.current = null;
      void setThreshold(runId, v).then(() => setSaved(v));
    }, SAVE_DELAY_MS);
  };

  if (!data || !at) return <p className="muted">No validation rows: the decision threshold stays at {DEFAULT_THRESHOLD}.</p>;
  const labels = p.labels ?? ['0', '1'];
  const typedValue = Number(typed);
  const typedOk = typed.trim() !== '' && Number.isFinite(typedValue) && typedValue >= 0 && typedValue <= 1;
  return (
    <div className="threshold-panel" data-testid="threshold-panel" data-threshold={value} data-saved-threshold={saved}>
      <h3>Decision threshold</h3>
      <p className="muted">
        Rows with P({labels[1]}) ≥ the threshold are called “{labels[1]}”. Chosen on the validation split ({data.y.length} rows); the run keeps it and the export’s <code>label</code> output applies it.
      </p>
      <div className="threshold-controls">
        <label htmlFor={`threshold-${runId}`}>Threshold</label>
        <input
          id={`threshold-${runId}`}
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={value}
          data-testid="threshold-slider"
          aria-valuetext={`threshold ${value.toFixed(2)}: precision ${fmt(at.precision)}, recall ${fmt(at.recall)}`}
          onChange={(e) => choose(Number(e.target.value))}
        />
        <input
          type="number"
          min={0}
          max={1}
          step={0.01}
          value={typed}
          aria-label="Threshold value"
          aria-invalid={!typedOk}
          data-testid="threshold-input"
          onChange={(e) => {
            setTyped(e.target.value);
            const v = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 1) choose(v, true);
          }}
        />
        <button type="button" onClick={() => choose(DEFAULT_THRESHOLD)} disabled={value === DEFAULT_THRESHOLD}>
          Reset to 0.5
        </button>
        {data.best !== null && (
          <button type="button" data-testid="threshold-best-f1" onClick={() => choose(Math.round(data.best! * 1e6) / 1e6)}>
            Best F1 ({data.best.toFixed(3)})
          </button>
        )}
        <span className="muted" role="status" data-testid="threshold-saved">
          {saved === value ? 'saved with the run' : 'saving…'}
        </span>
      </div>
      {!typedOk && <p className="error-text">Type a probability between 0 and 1.</p>}
      <div className="charts">
        <table className="metrics" data-testid="threshold-metrics">
          <caption>At threshold {value.toFixed(2)}</caption>
          <thead>
            <tr>
              <th scope="col">metric</th>
              <th scope="col">validation</th>
              {atTest && <th scope="col">test (not used to choose)</th>}
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['precision', 'Precision', at.precision],
                ['recall', 'Recall', at.recall],
                ['f1', 'F1', at.f1],
                ['accuracy', 'Accuracy', at.accuracy],
                ['fpr', 'False-positive rate', at.fpr],
              ] as const
            ).map(([k, name, v]) => (
              <tr key={k} data-metric={k} data-value={v} data-test-value={atTest?.[k]}>
                <th scope="row">{name}</th>
                <td>{fmt(v)}</td>
                {atTest && <td>{fmt(atTest[k])}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        <figure className="chart" data-testid="threshold-confusion">
          <figcaption>Confusion matrix at {value.toFixed(2)}, validation (rows = true)</figcaption>
          <ThresholdConfusion matrix={confusionRows(at.confusion)} labels={labels} />
        </figure>
      </div>
      <div className="charts">
        <CurveWithPoint points={data.pr} at={{ x: at.recall, y: at.precision }} title="Precision–recall (validation), chosen point" xLabel="recall" yLabel="precision" testId="threshold-pr-curve" />
        <CurveWithPoint points={data.roc} at={{ x: at.fpr, y: at.recall }} title="ROC (validation), chosen point" xLabel="false positive rate" yLabel="true positive rate" testId="threshold-roc-curve" />
      </div>
    </div>
  );
}

/** The 2 × 2 confusion counts at the threshold (its own test id: the report's matrix above stays the one at 0.5). */
function ThresholdConfusion({ matrix, labels }: { matrix: number[][]; labels: string[] }) {
  return <ConfusionHeatmap matrix={matrix} labels={labels} testId="threshold-confusion-matrix" ariaLabel="Confusion matrix at the chosen threshold: rows true class, columns predicted class" />;
}
