import { useSequence, type ModelFamilyChoice } from '../../state/sequence-store';

interface Option {
  family: ModelFamilyChoice;
  title: string;
  detail: string;
}

const OPTIONS: Option[] = [
  { family: 'tabular', title: 'Tabular model', detail: 'one row → one target' },
  { family: 'sequence', title: 'Career sequence', detail: 'next title, tenure, hireability' },
  { family: 'ranker', title: 'Pairwise labeling + ranker', detail: 'A vs B, train a scorer on the labels' },
  { family: 'gbdt', title: 'Gradient-boosted trees', detail: 'binary, multiclass, regression, ordinal grades; cross-validation' },
  { family: 'matcher', title: 'Candidate–job matcher', detail: 'this table holds labeled pairs; section TF-IDF, fixed vs learned weights' },
];

/**
 * Tabular model, career-sequence model (only when work histories are found), pairwise labeling + ranker, gradient-boosted trees, or the candidate–job matcher for this dataset.
 * A native radio group in a fieldset: one option per line, each label tied to its radio (click the words), arrow keys move between options.
 */
export function FamilySwitch({ datasetId, available }: { datasetId: string; available: boolean }) {
  const family = useSequence((s) => s.family[datasetId] ?? 'tabular');
  const setFamily = useSequence((s) => s.setFamily);
  return (
    <fieldset className="card family-switch option-list" data-testid="family-switch">
      <legend>Model family</legend>
      {OPTIONS.map((o) => {
        const id = `family-${datasetId}-${o.family}`;
        const disabled = o.family === 'sequence' && !available;
        return (
          <div key={o.family} className="option-row" title={disabled ? 'needs a JSON work-history column, or title + start/end date columns' : undefined}>
            <input id={id} type="radio" name={`family-${datasetId}`} checked={family === o.family} disabled={disabled} onChange={() => setFamily(datasetId, o.family)} data-testid={`family-${o.family}`} />
            <label htmlFor={id}>
              <strong>{o.title}</strong> <span className="muted">({o.detail}){disabled ? ' — no work histories found in this dataset' : ''}</span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
