import { useSkillsExtraction, type ShownRequest } from '../../state/skills-extraction-store';
import { useSkills } from '../../state/skills-store';

/** Whether the dictionary a shown run used has been edited or deleted since: the run keeps its snapshot, the note says rerunning would differ. */
export function RunChanges({ request }: { request: ShownRequest }) {
  const now = useSkills((s) => s.dictionaries.find((d) => d.id === request.dictionaryId) ?? null);
  const loaded = useSkills((s) => s.loaded);
  if (!loaded || (now && now.version === request.version)) return null;
  return (
    <p className="note" data-testid="extract-dictionary-changed" data-now={now?.version ?? ''}>
      {now
        ? `The dictionary "${now.name}" has changed since this run (now ${now.version}, this run used ${request.version}): the results below are the run's, from the dictionary as it was; run again for the current one.`
        : `The dictionary this run used has been deleted since; the run keeps its copy (${request.version}).`}
    </p>
  );
}

/** The stored extraction runs, newest first: open one to see its results again, delete one (Undo brings it back). */
export function SkillRunsPanel() {
  const runs = useSkillsExtraction((s) => s.runs);
  const loaded = useSkillsExtraction((s) => s.runsLoaded);
  const deleted = useSkillsExtraction((s) => s.deleted);
  const shownId = useSkillsExtraction((s) => (s.phase === 'done' ? (s.request?.runId ?? null) : null));
  // opening one while an extraction runs would stop it: finish or stop it first
  const running = useSkillsExtraction((s) => s.phase === 'running');
  const { reopen, deleteRun, undoDelete } = useSkillsExtraction.getState();
  return (
    <section className="card" data-testid="skill-runs" data-loaded={loaded} data-count={runs.length}>
      <h2>Past extractions</h2>
      {deleted && (
        <p className="note" data-testid="skill-run-undo-bar">
          Deleted the run on {deleted.datasetName} ({new Date(deleted.createdAt).toLocaleString()}).{' '}
          <button type="button" data-testid="skill-run-undo" onClick={() => void undoDelete()}>
            Undo
          </button>
        </p>
      )}
      {runs.length === 0 ? (
        <p className="muted">No extraction yet: each run is kept here, with the dictionary it used, its hits and its metrics.</p>
      ) : (
        <div className="table-scroll">
          <table className="compact">
            <thead>
              <tr>
                <th>When</th>
                <th>Dataset</th>
                <th>Column</th>
                <th>Dictionary</th>
                <th>Skills found</th>
                <th>Micro F1</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="skill-run-row" data-run-id={r.id} aria-current={r.id === shownId ? 'true' : undefined}>
                  <td>{new Date(r.createdAt).toLocaleString()}</td>
                  <td>{r.datasetName}</td>
                  <td>
                    {r.column}
                    {r.goldColumn && <span className="muted"> (gold: {r.goldColumn})</span>}
                  </td>
                  <td data-testid="skill-run-dictionary">
                    {r.dictionaryName}@{r.dictionaryVersion}
                  </td>
                  <td>
                    {r.hitCount} in {r.rowCount} rows
                  </td>
                  <td data-testid="skill-run-f1" data-value={r.f1Micro ?? ''}>
                    {r.f1Micro === null ? '—' : r.f1Micro.toFixed(3)}
                  </td>
                  <td>
                    <button type="button" data-testid="skill-run-open" disabled={r.id === shownId || running} onClick={() => void reopen(r.id)}>
                      Open
                    </button>{' '}
                    <button type="button" data-testid="skill-run-delete" aria-label={`Delete the run of ${new Date(r.createdAt).toLocaleString()}`} onClick={() => void deleteRun(r.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
