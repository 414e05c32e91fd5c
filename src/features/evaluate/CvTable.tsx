import type { MetricSummary } from '../../ml/eval/cross-validation';
import type { FoldOutcome } from '../../ml/eval/cv-result';
import { metricName } from '../../ml/metrics/metric-names';
import { numberAttr } from '../train/number-attr';
import { beats } from '../../ml/metrics/baseline';

const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—');

/** Per-fold metrics with their mean ± std (population std over folds) under them. */
export function CvTable({ folds, summary, keys, total }: { folds: FoldOutcome[]; summary?: Record<string, MetricSummary>; keys: string[]; total?: number }) {
  const repeats = new Set(folds.map((f) => f.repeat)).size > 1;
  const baselineMean = foldBaselineMean(folds, keys);
  return (
    <table className="metrics cv-table" data-testid="cv-table" data-folds={folds.length}>
      <caption>
        Cross-validation, per fold{total ? ` (${folds.length} of ${total} done)` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">fold</th>
          <th scope="col">train / test</th>
          <th scope="col">rounds</th>
          {keys.map((k) => (
            <th key={k} scope="col" data-metric={k}>
              {metricName(k)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {folds.map((f) => (
          <tr key={`${f.repeat}:${f.fold}`} data-testid="cv-fold-row">
            <th scope="row">{repeats ? `${f.repeat + 1}.${f.fold + 1}` : f.fold + 1}</th>
            <td>
              {f.train} / {f.test}
            </td>
            <td>{f.rounds}</td>
            {keys.map((k) => (
              <td key={k} data-metric={k} data-value={numberAttr(f.metrics[k])}>
                {fmt(f.metrics[k])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {summary && (
        <tfoot>
          {baselineMean && (
            <tr data-testid="cv-baseline-row">
              <th scope="row">baseline mean</th>
              <td colSpan={2} className="muted">
                {baselineName(keys)}
              </td>
              {keys.map((k) => {
                const verdict = summary[k] ? beats(k, summary[k].mean, baselineMean[k]) : null;
                return (
                  <td key={k} data-metric={k} data-baseline={numberAttr(baselineMean[k])} data-beats={verdict === null ? undefined : String(verdict)} className={verdict === false ? 'error-text' : undefined}>
                    {fmt(baselineMean[k])}
                    {verdict === false ? ' ✗ not beaten' : ''}
                  </td>
                );
              })}
            </tr>
          )}
          <tr data-testid="cv-mean-row">
            <th scope="row">mean ± std</th>
            <td />
            <td />
            {keys.map((k) => (
              <td key={k} data-metric={k} data-mean={summary[k]?.mean} data-std={summary[k]?.std}>
                {fmt(summary[k]?.mean)} ± {fmt(summary[k]?.std)}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Each metric's mean over the folds' dummy baselines (each fitted on its fold's training rows), or null for folds stored without one. */
function foldBaselineMean(folds: FoldOutcome[], keys: string[]): Record<string, number> | null {
  if (folds.length === 0 || folds.some((f) => !f.baseline)) return null;
  return Object.fromEntries(keys.map((k) => [k, folds.reduce((s, f) => s + (f.baseline?.[k] ?? NaN), 0) / folds.length]));
}

function baselineName(keys: string[]): string {
  return keys.includes('rmse') ? 'training mean, per fold' : 'majority class / prior, per fold';
}

/** The metrics worth a column for each task. */
export function cvKeys(kind: string): string[] {
  if (kind === 'ordinal') return ['qwk', 'mae', 'accuracy', 'adjacent_accuracy', 'log_loss'];
  if (kind === 'binary') return ['accuracy', 'roc_auc', 'f1', 'log_loss', 'brier'];
  if (kind === 'multiclass') return ['accuracy', 'f1_macro', 'log_loss', 'qwk'];
  return ['rmse', 'mae', 'r2'];
}
