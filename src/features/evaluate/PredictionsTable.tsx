import { useMemo, useState } from 'react';
import { predictionsCsv, predictionTable } from '../../ml/evaluation/prediction-rows';
import type { HeldOutPredictions } from '../../ml/evaluation/held-out';
import { saveFile } from '../export/save-file';

const PAGE = 25;
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * Every held-out row (validation, then test) with its label, the model's prediction and, for
 * classifiers, the predicted class's probability; paged on screen, whole in the CSV download.
 * `onTry` hands a row to the "try a row" form.
 */
export function PredictionsTable({ predictions, target, fileStem, threshold = 0.5, onTry }: { predictions: HeldOutPredictions; target: string; fileStem: string; threshold?: number; onTry?: (frameRow: number) => void }) {
  const table = useMemo(() => predictionTable(predictions, threshold), [predictions, threshold]);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(table.n / PAGE));
  const at = Math.min(page, pages - 1);
  const rows = Array.from({ length: Math.min(PAGE, table.n - at * PAGE) }, (_, i) => table.rowAt(at * PAGE + i));
  const regression = table.kind === 'regression';
  const multi = !regression && table.classLabels.length > 2;
  return (
    <div className="predictions" data-testid="predictions-table" data-rows={table.n} data-threshold={table.kind === 'binary' ? threshold : undefined}>
      <h3>Predictions on the held-out rows ({table.n.toLocaleString('en-US')})</h3>
      <div className="train-actions">
        <button type="button" data-testid="download-predictions" onClick={() => saveFile(`${fileStem}-predictions.csv`, predictionsCsv(table, target), 'text/csv')}>
          Download predictions (.csv)
        </button>
        <span className="muted">
          Rows {table.n ? at * PAGE + 1 : 0}–{at * PAGE + rows.length} of {table.n.toLocaleString('en-US')}
        </span>
        <button type="button" aria-label="Previous page of predictions" disabled={at === 0} onClick={() => setPage(at - 1)}>
          ‹ Prev
        </button>
        <button type="button" aria-label="Next page of predictions" data-testid="predictions-next" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
          Next ›
        </button>
      </div>
      <table className="metrics">
        <caption>
          Row = data row of the dataset (1 = first row after the header).{!regression && table.kind === 'binary' ? ` Predicted "${table.classLabels[1]}" when P ≥ ${threshold}.` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">split</th>
            <th scope="col">row</th>
            <th scope="col">{target}</th>
            <th scope="col">prediction</th>
            {regression ? <th scope="col">residual</th> : <th scope="col">probability</th>}
            {multi && <th scope="col">runner-up</th>}
            {onTry && <th scope="col" aria-label="try this row" />}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const second = multi && r.probabilities ? runnerUp(r.probabilities, table.classLabels, r.predicted) : null;
            return (
              <tr key={`${r.split}:${r.index}`} data-row={r.row} data-split={r.split} data-actual={r.actual} data-predicted={r.predicted} data-probability={r.probability ?? undefined}>
                <td>{r.split}</td>
                <td>{r.row}</td>
                <td>{r.actual}</td>
                <td className={!regression && r.actual !== r.predicted ? 'error-text' : undefined}>{r.predicted}</td>
                <td>{regression ? r.residual?.toPrecision(4) : pct(r.probability)}</td>
                {multi && <td>{second}</td>}
                {onTry && (
                  <td>
                    <button type="button" className="link" onClick={() => onTry(r.index)} aria-label={`Try row ${r.row}`}>
                      try
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function runnerUp(probs: number[], labels: string[], top: string): string {
  let best = -1;
  for (let k = 0; k < probs.length; k++) if (labels[k] !== top && (best < 0 || probs[k] > probs[best])) best = k;
  return best < 0 ? '—' : `${labels[best]} ${pct(probs[best])}`;
}
