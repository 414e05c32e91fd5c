import { useMemo, useState } from 'react';
import type { MatcherModelArtifact } from '../../db/records';
import type { MatcherHeldOut } from '../../ml/models/matcher/train-matcher';
import { PairExplanation } from './PairExplanation';

type SortKey = 'learned' | 'fixed' | 'rated' | 'disagreement';
const PAGE = 20;

/** The held-out pairs, sortable and searchable by id or title; any row opens its explanation. */
export function HeldOutPairs({ heldOut, model, titles }: { heldOut: MatcherHeldOut; model: MatcherModelArtifact; titles: { candidate: ReadonlyMap<string, string>; job: ReadonlyMap<string, string> } }) {
  const [sort, setSort] = useState<SortKey>('learned');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<number | null>(null);
  const h = heldOut;
  const learnedP = h.learned.probability ?? h.learned.score;
  const fixedP = h.fixed.probability ?? h.fixed.score;
  const order = useMemo(() => {
    const q = query.trim();
    const lq = q.toLowerCase();
    const titled = (m: ReadonlyMap<string, string>, id: string) => m.get(id)?.toLowerCase().includes(lq) ?? false;
    const rows = Array.from({ length: h.candidate.length }, (_, i) => i).filter((i) => q === '' || h.candidate[i] === q || h.job[i] === q || titled(titles.candidate, h.candidate[i]) || titled(titles.job, h.job[i]));
    const key = (i: number) => (sort === 'learned' ? learnedP[i] : sort === 'fixed' ? fixedP[i] : sort === 'rated' ? (Number.isFinite(h.score[i]) ? h.score[i] : -Infinity) : Math.abs(learnedP[i] - fixedP[i]));
    return rows.sort((a, b) => key(b) - key(a) || a - b);
  }, [h, sort, query, learnedP, fixedP, titles]);
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
  return (
    <div data-testid="matcher-pairs">
      <h3>Held-out pairs</h3>
      <div className="train-actions">
        <label>
          Sort by{' '}
          <select data-testid="matcher-pairs-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="learned">learned P(match)</option>
            <option value="fixed">fixed P(match)</option>
            <option value="rated">rated score</option>
            <option value="disagreement">|learned − fixed|</option>
          </select>
        </label>
        <label>
          Candidate or job (id or title) <input data-testid="matcher-pairs-filter" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="all" />
        </label>
        <span className="muted">{order.length.toLocaleString()} pairs</span>
      </div>
      <table className="metrics">
        <thead>
          <tr>
            <th>Candidate</th>
            <th>Job</th>
            {model.sections.map((s) => (
              <th key={s.name}>cos {s.name}</th>
            ))}
            <th>Fixed P</th>
            <th>Learned P</th>
            <th>Rated</th>
            <th>Label</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {order.slice(0, shown).map((i) => (
            <tr key={i} className={open === i ? 'selected' : ''} data-testid="matcher-pair-row">
              <td>
                {h.candidate[i]}
                {titles.candidate.has(h.candidate[i]) && <span className="muted item-title"> · {titles.candidate.get(h.candidate[i])}</span>}
              </td>
              <td>
                {h.job[i]}
                {titles.job.has(h.job[i]) && <span className="muted item-title"> · {titles.job.get(h.job[i])}</span>}
              </td>
              {model.sections.map((_, k) => (
                <td key={k}>{fmt(h.similarities[i * model.sections.length + k])}</td>
              ))}
              <td>{fmt(fixedP[i])}</td>
              <td>{fmt(learnedP[i])}</td>
              <td>{fmt(h.score[i])}</td>
              <td>{Number.isFinite(h.label[i]) ? h.label[i] : '—'}</td>
              <td>
                <button type="button" data-testid="explain-pair" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
                  {open === i ? 'Hide' : 'Explain'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown < order.length && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, order.length - shown)} more
        </button>
      )}
      {open !== null && (
        <PairExplanation model={model} candidate={h.candidate[open]} job={h.job[open]} candidateTexts={h.candidateTexts[h.candidate[open]]} jobTexts={h.jobTexts[h.job[open]]} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
