import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';

export function DatasetList() {
  const datasets = useDatasets((s) => s.datasets);
  const selectedId = useDatasets((s) => s.selectedId);
  const select = useDatasets((s) => s.select);
  const remove = useDatasets((s) => s.remove);
  const closeRun = useRuns((s) => s.closeRun);
  return (
    <nav aria-label="Datasets">
      <h3>Datasets</h3>
      {datasets.length === 0 && <p className="muted">None yet.</p>}
      <ul className="list" data-testid="dataset-list">
        {datasets.map((d) => (
          <li key={d.id} className={d.id === selectedId ? 'active' : ''}>
            <button
              type="button"
              className="link"
              onClick={() => {
                closeRun();
                void select(d.id);
              }}
            >
              {d.fileName} <span className="muted">{d.rowCount.toLocaleString()}×{d.columnCount}</span>
            </button>
            <button
              type="button"
              className="icon"
              aria-label={`Delete dataset ${d.fileName}`}
              onClick={() => {
                if (confirm(`Delete dataset "${d.fileName}"? Runs trained on it are kept.`)) void remove(d.id);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
