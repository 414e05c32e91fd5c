import { headlineMetric } from '../../ml/metrics/evaluate';
import { useRuns } from '../../state/runs-store';
import { useNav } from '../../state/nav-store';
import { StorageUse } from './StorageUse';
import { metricName } from '../../ml/metrics/metric-names';

export function RunsList() {
  const runs = useRuns((s) => s.runs);
  const openId = useRuns((s) => s.open?.run.id);
  const openRun = useRuns((s) => s.openRun);
  const go = useNav((s) => s.go);
  const deleted = useRuns((s) => s.deleted);
  const undo = useRuns((s) => s.undoDelete);
  const dismiss = useRuns((s) => s.dismissDeleted);
  return (
    <nav aria-label="Runs">
      <h3>Runs</h3>
      {deleted && (
        <p className="note" role="status" data-testid="run-deleted">
          Deleted “{deleted.run.name}”
          {deleted.archived.length > 0 && ` (archived ${deleted.archived.join(', ')})`}.{' '}
          <button type="button" data-testid="undo-delete" onClick={() => void undo()}>
            Undo
          </button>{' '}
          <button type="button" className="link" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </p>
      )}
      {runs.length === 0 && <p className="muted">None yet.</p>}
      <ul className="list" data-testid="runs-list">
        {runs.map((r) => {
          const h = r.family === 'sequence' ? { key: 'top1' } : r.family === 'ranker' ? { key: 'pairwise_accuracy' } : r.family === 'matcher' ? { key: 'spearman' } : r.family === 'search' ? { key: r.study.metric } : headlineMetric(r.task.kind);
          const v = r.finalMetrics?.[h.key];
          return (
            <li key={r.id} className={r.id === openId ? 'active' : ''} data-run-id={r.id} data-status={r.status}>
              <button type="button" className="link" onClick={() => void openRun(r.id).then(() => go('studio'))}>
                <span>{r.name}</span>
                <span className="muted">
                  {r.status}
                  {v !== undefined ? ` · ${metricName(h.key)} ${v.toFixed(3)}` : ''}
                  {r.backend ? ` · ${r.backend}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <StorageUse />
    </nav>
  );
}
