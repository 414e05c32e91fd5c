/** A run's title with Back and Delete (asks first; disabled while the run trains). */
export function RunHead({ name, live, onClose, onDelete }: { name: string; live: boolean; onClose: () => void; onDelete: () => void }) {
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
          disabled={live}
          onClick={() => {
            if (confirm(`Delete run "${name}" with its curves and weights? This cannot be undone.`)) onDelete();
          }}
        >
          Delete run
        </button>
      </div>
    </div>
  );
}
