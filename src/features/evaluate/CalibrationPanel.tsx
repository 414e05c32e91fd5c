import { useMemo, useState } from 'react';
import { applyCalibrator, fitCalibrator, type CalibratorJson } from '../../ml/calibration/calibrator';
import { TEMPERATURE_MAX, TEMPERATURE_MIN } from '../../ml/calibration/temperature';
import { ece, mce, reliabilityBins } from '../../ml/calibration/reliability';
import { binaryLogLoss, brier } from '../../ml/metrics/binary';
import { multiclassLogLoss } from '../../ml/metrics/multiclass';
import { reliabilityInputs, splitScores, type HeldOutPredictions } from '../../ml/evaluation/held-out';
import { ReliabilityChart } from './charts';
import { calibrationRegressions, describeRegressions } from '../../ml/calibration/regressions';

type Method = CalibratorJson['method'];

interface Measured {
  ece: number;
  mce: number;
  brier?: number;
  log_loss: number;
}

/** ECE/MCE/Brier/log loss on the test split before and after a calibrator (the model card quotes these). */
export function measureCalibration(p: HeldOutPredictions, cal: CalibratorJson): { before: Measured; after: Measured } {
  const { y, scores } = splitScores(p, 'test');
  const input = p.kind === 'binary' ? (cal.method === 'platt' ? p.test.logits : scores) : p.test.logits;
  return { before: measure(p, y, scores), after: measure(p, y, applyCalibrator(cal, input)) };
}

function measure(p: HeldOutPredictions, y: Float64Array, scores: ArrayLike<number>): Measured {
  const rel = reliabilityInputs(p.kind, y, scores, p.classes)!;
  return {
    ece: ece(rel.outcome, rel.prob, 15),
    mce: mce(rel.outcome, rel.prob, 15),
    ...(p.kind === 'binary' ? { brier: brier(y, scores), log_loss: binaryLogLoss(y, scores) } : { log_loss: multiclassLogLoss(y, scores, p.classes) }),
  };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Fits a calibrator on the validation split and measures it on the test split: the rows it is
 * judged on are never the rows it was fitted on (nor the training rows).
 */
export function CalibrationPanel({ runId, predictions: p, saved, onSave }: { runId: string; predictions: HeldOutPredictions; saved: CalibratorJson | null; onSave: (c: CalibratorJson) => Promise<void> }) {
  const methods: Method[] = p.kind === 'binary' ? ['isotonic', 'platt'] : ['temperature'];
  const [method, setMethod] = useState<Method>(saved?.method ?? methods[0]);
  const [error, setError] = useState<string | null>(null);
  const cal = saved;
  const evalSplit = p.test.y.length > 0 ? 'test' : null;

  const result = useMemo(() => {
    if (!cal || !evalSplit) return null;
    const { y, scores } = splitScores(p, 'test');
    const input = p.kind === 'binary' ? (cal.method === 'platt' ? p.test.logits : scores) : p.test.logits;
    const after = applyCalibrator(cal, input);
    const relBefore = reliabilityInputs(p.kind, y, scores, p.classes)!;
    const relAfter = reliabilityInputs(p.kind, y, after, p.classes)!;
    return { before: measure(p, y, scores), after: measure(p, y, after), binsBefore: reliabilityBins(relBefore.outcome, relBefore.prob, 10), binsAfter: reliabilityBins(relAfter.outcome, relAfter.prob, 10), rows: y.length };
  }, [cal, p, evalSplit]);

  const fit = async () => {
    setError(null);
    try {
      const { y, scores } = splitScores(p, 'validation');
      const positives = p.kind === 'binary' ? y.reduce((a, v) => a + v, 0) : undefined;
      const fitted = fitCalibrator(
        method,
        { y, scores: method === 'isotonic' ? scores : p.validation.logits, classes: p.classes },
        { rows: y.length, split: 'validation', created_at: new Date().toISOString(), positives, classes: p.labels, source: runId },
        { plattInput: 'logit' },
      );
      await onSave(fitted);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="calibration" data-testid="calibration-panel">
      <h3>Calibration</h3>
      <div className="train-actions">
        <label>
          Method{' '}
          <select data-testid="calibration-method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {methods.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" data-testid="calibration-fit" onClick={() => void fit()} disabled={!evalSplit}>
          Fit on validation split ({p.validation.y.length} rows)
        </button>
        {cal && (
          <button type="button" data-testid="calibration-download" onClick={() => download(`calibrator-${cal.method}.json`, `${JSON.stringify(cal, null, 2)}\n`)}>
            Download calibrator JSON
          </button>
        )}
      </div>
      {!evalSplit && <p className="note">This run has no test split; set a test fraction above 0 to measure a calibrator on rows it was not fitted on.</p>}
      {error && <p className="error-text">{error}</p>}
      {result && cal && (
        <>
          <p className="muted" data-testid="calibration-summary">
            {cal.method} fitted on {cal.fitted_on.rows} validation rows; measured on {result.rows} test rows it never saw.
          </p>
          {cal.method === 'temperature' && (cal.params.temperature <= TEMPERATURE_MIN * 1.001 || cal.params.temperature >= TEMPERATURE_MAX * 0.999) && (
            <p className="note" data-testid="calibration-warning">
              The temperature stopped at its bound ({cal.params.temperature.toFixed(3)}): the validation split is too small or too cleanly separated to calibrate on. Use a larger validation fraction before trusting it.
            </p>
          )}
          {calibrationRegressions(result.before, result.after).length > 0 && (
            <p className="error-text" role="alert" data-testid="calibration-worse">
              This calibrator makes the held-out probabilities worse: {describeRegressions(calibrationRegressions(result.before, result.after))} on {result.rows} test rows. Do not ship it as is: try the other method, or a larger validation split to fit it on.
            </p>
          )}
          <table className="metrics" data-testid="calibration-table">
            <thead>
              <tr>
                <th />
                <th>before</th>
                <th>after</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(result.before) as (keyof Measured)[]).map((k) => (
                <tr key={k} data-metric={k} data-before={result.before[k]} data-after={result.after[k]}>
                  <th scope="row">{k === 'ece' ? 'ECE (15 bins)' : k === 'mce' ? 'MCE (15 bins)' : k}</th>
                  <td>{result.before[k]?.toFixed(4)}</td>
                  <td>{result.after[k]?.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ReliabilityChart
            series={[
              { name: 'before', color: '#f08a4b', bins: result.binsBefore },
              { name: 'after', color: '#5ab0f0', bins: result.binsAfter },
            ]}
            title="Reliability on the test split, before and after"
            testId="reliability-calibrated"
          />
        </>
      )}
    </div>
  );
}
