import { useSequence } from '../../state/sequence-store';

/** Tabular model, career-sequence model (only when work histories are found), pairwise labeling + ranker, gradient-boosted trees, or the candidate–job matcher for this dataset. */
export function FamilySwitch({ datasetId, available }: { datasetId: string; available: boolean }) {
  const family = useSequence((s) => s.family[datasetId] ?? 'tabular');
  const setFamily = useSequence((s) => s.setFamily);
  return (
    <div className="card family-switch" role="radiogroup" aria-label="Model family" data-testid="family-switch">
      <label className="check">
        <input type="radio" name={`family-${datasetId}`} checked={family === 'tabular'} onChange={() => setFamily(datasetId, 'tabular')} data-testid="family-tabular" /> Tabular model (one row → one target)
      </label>
      <label className="check" title={available ? '' : 'needs a JSON work-history column, or title + start/end date columns'}>
        <input type="radio" name={`family-${datasetId}`} checked={family === 'sequence'} disabled={!available} onChange={() => setFamily(datasetId, 'sequence')} data-testid="family-sequence" /> Career sequence (next title,
        tenure, hireability){available ? '' : ' — no work histories found in this dataset'}
      </label>
      <label className="check">
        <input type="radio" name={`family-${datasetId}`} checked={family === 'ranker'} onChange={() => setFamily(datasetId, 'ranker')} data-testid="family-ranker" /> Pairwise labeling + ranker (A vs B, train a
        scorer on the labels)
      </label>
      <label className="check">
        <input type="radio" name={`family-${datasetId}`} checked={family === 'gbdt'} onChange={() => setFamily(datasetId, 'gbdt')} data-testid="family-gbdt" /> Gradient-boosted trees (binary, multiclass,
        regression, ordinal grades; cross-validation)
      </label>
      <label className="check">
        <input type="radio" name={`family-${datasetId}`} checked={family === 'matcher'} onChange={() => setFamily(datasetId, 'matcher')} data-testid="family-matcher" /> Candidate–job matcher (this table holds
        labeled pairs; section TF-IDF, fixed vs learned weights)
      </label>
    </div>
  );
}
