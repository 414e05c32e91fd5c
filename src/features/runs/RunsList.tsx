import { useRuns } from '../../state/runs-store';
import { useNav } from '../../state/nav-store';
import { StorageUse } from './StorageUse';
import { metricName } from '../../ml/metrics/metric-names';
import type { RunRecord } from '../../db/records';
import { familyOfRun } from '../families/registry';

/** The metric shown beside a run: its family's headline, or for a search the metric it optimized. */
const headlineKey = (r: RunRecord): string | undefined => (r.family === 'search' ? r.study.metric : familyOfRun(r)?.headlineMetric(r));

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
          const key = headlineKey(r);
          const v = key === undefined ? undefined : r.finalMetrics?.[key];
          const shown = key !== undefined && v !== undefined ? ` · ${metricName(key)} ${v.toFixed(3)}` : '';
          return (
            <li key={r.id} className={r.id === openId ? 'active' : ''} data-run-id={r.id} data-status={r.status}>
              <button type="button" className="link" onClick={() => void openRun(r.id).then(() => go('studio'))}>
                <span>{r.name}</span>
                <span className="muted">
                  {r.status}
                  {shown}
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
