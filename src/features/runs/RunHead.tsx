import { aliasesOnVersions } from '../../ml/registry/aliases';
import { useRegistry } from '../../state/registry-store';

/** The question asked before a deletion: what goes, and what happens to the run's registered versions and their aliases. */
export function deleteQuestion(name: string, versions: string[], aliases: { alias: string; version: string }[]): string {
  if (versions.length === 0) return `Delete run "${name}" with its curves and weights? (You can undo it until you reload the page.)`;
  const a = aliases.length > 0 ? ` and removes ${aliases.map((x) => `${x.alias} (→ ${x.version})`).join(', ')}` : '';
  return `Run "${name}" is registered as ${versions.join(', ')}. Deleting it deletes its curves and weights, archives ${versions.length > 1 ? 'those versions' : 'that version'} (its copied config and metrics stay in the registry)${a}. Delete? (You can undo it until you reload the page.)`;
}

/** A run's title with Back and Delete (asks first, naming its registered versions; disabled while the run trains). */
export function RunHead({ runId, name, live, onClose, onDelete }: { runId: string; name: string; live: boolean; onClose: () => void; onDelete: () => void }) {
  const all = useRegistry((s) => s.versions);
  const events = useRegistry((s) => s.events);
  const versions = all.filter((v) => v.runId === runId && !v.archived);
  const { all: aliases, blocking } = aliasesOnVersions(events, versions);
  return (
    <div className="run-head">
      <h2>{name}</h2>
      <div>
        <button type="button" onClick={onClose}>
          Back
        </button>
        <button
          type="button"
          className="danger"
          data-testid="delete-run"
          data-versions={versions.map((v) => v.id).join(' ')}
          disabled={live}
          onClick={() => {
            // a production / staging alias blocks it: the store's deletion refuses and says which, no question needed
            if (blocking.length > 0 || confirm(deleteQuestion(name, versions.map((v) => v.id), aliases))) onDelete();
          }}
        >
          Delete run
        </button>
      </div>
    </div>
  );
}
