import type { SectionSpec } from '../../ml/models/matcher/sections';

/** Sections as rows: a name, the candidate column, the job column and the fixed weight the baseline uses. */
export function SectionsEditor(p: { sections: SectionSpec[]; weights: number[]; candidateColumns: string[]; jobColumns: string[]; onChange: (sections: SectionSpec[], weights: number[]) => void }) {
  const set = (i: number, patch: Partial<SectionSpec>, weight?: number) =>
    p.onChange(
      p.sections.map((s, k) => (k === i ? { ...s, ...patch } : s)),
      p.weights.map((w, k) => (k === i && weight !== undefined ? weight : w)),
    );
  const sum = p.weights.reduce((a, w) => a + w, 0);
  const select = (value: string, options: string[], onChange: (v: string) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {!options.includes(value) && <option value={value}>{value || '(choose)'}</option>}
      {options.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
  return (
    <fieldset data-testid="matcher-sections">
      <legend>Sections (cosine of TF-IDF per section; the baseline weighs them with the fixed weights)</legend>
      <table className="metrics">
        <thead>
          <tr>
            <th>Section</th>
            <th>Candidate column</th>
            <th>Job column</th>
            <th>Fixed weight</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {p.sections.map((s, i) => (
            <tr key={i} data-section={s.name}>
              <td>
                <input aria-label={`section ${i + 1} name`} value={s.name} onChange={(e) => set(i, { name: e.target.value })} />
              </td>
              <td>{select(s.candidateColumn, p.candidateColumns, (v) => set(i, { candidateColumn: v }), `section ${s.name} candidate column`)}</td>
              <td>{select(s.jobColumn, p.jobColumns, (v) => set(i, { jobColumn: v }), `section ${s.name} job column`)}</td>
              <td>
                <input type="number" aria-label={`section ${s.name} fixed weight`} step={0.05} value={p.weights[i] ?? 0} onChange={(e) => set(i, {}, +e.target.value)} />
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`remove section ${s.name}`}
                  onClick={() =>
                    p.onChange(
                      p.sections.filter((_, k) => k !== i),
                      p.weights.filter((_, k) => k !== i),
                    )
                  }
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="train-actions">
        <button type="button" data-testid="matcher-add-section" onClick={() => p.onChange([...p.sections, { name: `section${p.sections.length + 1}`, candidateColumn: '', jobColumn: '' }], [...p.weights, 0])}>
          Add section
        </button>
        <span className={Math.abs(sum - 1) > 1e-9 ? 'note' : 'muted'}>fixed weights sum to {sum.toFixed(2)}</span>
      </div>
    </fieldset>
  );
}
