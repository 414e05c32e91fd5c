import type { GbdtConfig } from '../../ml/models/gbdt/config';
import type { TreeColumn } from '../../ml/models/gbdt/features';
import type { GbdtSetup } from '../../state/gbdt-setup';

type Direction = '1' | '-1' | '0';

/**
 * Per-column monotone constraints (numeric and embedding columns among the chosen features) and
 * the categorical-split switch. A constraint is kept in the config (so in the run's recipe) by
 * column name; multiclass cannot take one, so the choices are disabled there.
 */
export function GbdtConstraints({ setup, usable, setModel }: { setup: GbdtSetup; usable: TreeColumn[]; setModel: (p: Partial<GbdtConfig>) => void }) {
  const chosen = usable.filter((u) => setup.features.includes(u.column));
  const ordered = chosen.filter((u) => u.kind !== 'categorical');
  const categorical = chosen.filter((u) => u.kind === 'categorical');
  const mono = setup.model.monotone ?? {};
  const multiclass = setup.kind === 'multiclass';
  const setDirection = (column: string, d: Direction) => {
    const next = { ...mono };
    if (d === '0') delete next[column];
    else next[column] = d === '1' ? 1 : -1;
    setModel({ monotone: Object.keys(next).length ? next : undefined });
  };
  return (
    <fieldset className="feature-list" data-testid="gbdt-constraints">
      <legend>Constraints</legend>
      {categorical.length > 0 && (
        <label className="check">
          <input type="checkbox" data-testid="gbdt-categorical-splits" checked={setup.model.categoricalSplits !== false} onChange={(e) => setModel({ categoricalSplits: e.target.checked })} /> Categorical splits: split {categorical.map((c) => c.column).join(', ')} by category sets (off: one ordinal code each, values ordered by mean target)
        </label>
      )}
      {ordered.length > 0 && (
        <>
          <p className="muted">Monotone: ↑ = the prediction never decreases as the column grows (all else fixed), ↓ = never increases.{multiclass ? ' Not available for multiclass targets.' : ''}</p>
          <div className="option-grid">
            {ordered.map((u) => (
              <label key={u.column} className="option-row" data-column={u.column}>
                {u.column}
                <select data-testid={`gbdt-monotone-${u.column}`} disabled={multiclass} value={String(mono[u.column] ?? 0) as Direction} onChange={(e) => setDirection(u.column, e.target.value as Direction)}>
                  <option value="0">none</option>
                  <option value="1">↑ increasing</option>
                  <option value="-1">↓ decreasing</option>
                </select>
              </label>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
