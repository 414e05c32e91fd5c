import { useState } from 'react';
import type { PairValue } from '../../../ml/models/ranker/labels';
import { useLabeling } from '../../../state/ranker-labeling-store';
import { useItemTitles } from '../../datasets/use-item-titles';

const VALUE_TEXT: Record<PairValue, string> = { 1: 'A better', 0: 'equal', [-1]: 'B better' };

/** Every label of the pool, newest first: correct its value, tags or note, or delete it (after a confirmation). */
export function LabelHistory() {
  const labels = useLabeling((s) => s.labels);
  const tags = useLabeling((s) => s.record?.reasonTags ?? []);
  const correct = useLabeling((s) => s.correct);
  const remove = useLabeling((s) => s.remove);
  const poolId = useLabeling((s) => s.poolId);
  const idColumn = useLabeling((s) => s.record?.spec.idColumn ?? null);
  const titles = useItemTitles(poolId, idColumn);
  const item = (id: string) => (
    <>
      {id}
      {titles.has(id) && <span className="muted item-title"> · {titles.get(id)}</span>}
    </>
  );
  const [shown, setShown] = useState(20);
  const rows = [...labels].reverse().slice(0, shown);
  return (
    <details className="card" data-testid="label-history">
      <summary>History ({labels.length} labels)</summary>
      <table className="metrics">
        <thead>
          <tr>
            <th>When</th>
            <th>A</th>
            <th>B</th>
            <th>Label</th>
            <th>Reasons</th>
            <th>Note</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.id} data-label-id={l.id}>
              <td>{new Date(l.labeledAt).toLocaleString()}</td>
              <td>{item(l.a)}</td>
              <td>{item(l.b)}</td>
              <td>
                <select aria-label={`label of ${l.a} vs ${l.b}`} value={l.label} onChange={(e) => void correct(l.id, { label: Number(e.target.value) as PairValue })}>
                  {([1, 0, -1] as const).map((v) => (
                    <option key={v} value={v}>
                      {VALUE_TEXT[v]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {tags.map((t) => (
                  <label key={t} className="check">
                    <input type="checkbox" checked={l.reasonTags.includes(t)} onChange={() => void correct(l.id, { reasonTags: l.reasonTags.includes(t) ? l.reasonTags.filter((x) => x !== t) : [...l.reasonTags, t] })} />
                    {t}
                  </label>
                ))}
                {l.reasonTags.filter((t) => !tags.includes(t)).join(', ')}
              </td>
              <td>
                <input type="text" defaultValue={l.note ?? ''} onBlur={(e) => e.target.value !== (l.note ?? '') && void correct(l.id, { note: e.target.value || undefined })} aria-label="note" />
              </td>
              <td>
                <button type="button" onClick={() => window.confirm(`Delete the label ${l.a} vs ${l.b}?`) && void remove(l.id)} aria-label={`delete label ${l.a} vs ${l.b}`}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {labels.length > shown && (
        <button type="button" onClick={() => setShown(shown + 50)}>
          Show more
        </button>
      )}
    </details>
  );
}
