import type { DatasetRecord } from '../../db/records';
import { useFamilyChoice } from '../../state/family-choice';
import { DEFAULT_FAMILY, FAMILIES } from './registry';

/**
 * Which registered model family trains this dataset; a family the dataset cannot feed is listed,
 * disabled, with the reason.
 * A native radio group in a fieldset: one option per line, each label tied to its radio (click the words), arrow keys move between options.
 */
export function FamilySwitch({ dataset }: { dataset: DatasetRecord }) {
  const family = useFamilyChoice((s) => s.chosen[dataset.id] ?? DEFAULT_FAMILY.id);
  const choose = useFamilyChoice((s) => s.choose);
  return (
    <fieldset className="card family-switch option-list" data-testid="family-switch">
      <legend>Model family</legend>
      {FAMILIES.map((f) => {
        const id = `family-${dataset.id}-${f.id}`;
        const unavailable = f.unavailable?.(dataset) ?? null;
        return (
          <div key={f.id} className="option-row" title={unavailable?.needs}>
            <input id={id} type="radio" name={`family-${dataset.id}`} checked={family === f.id} disabled={!!unavailable} onChange={() => choose(dataset.id, f.id)} data-testid={`family-${f.id}`} />
            <label htmlFor={id}>
              <strong>{f.title}</strong> <span className="muted">({f.detail}){unavailable ? ` — ${unavailable.reason}` : ''}</span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
