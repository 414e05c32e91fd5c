import type { SequenceRunResult } from '../../ml/models/sequence/run-result';

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** Vocabulary coverage and the temporal split's leakage report, as the worker measured them. */
export function DataReport({ r }: { r: Pick<SequenceRunResult, 'coverage' | 'leakage' | 'entities' | 'skippedRoles'> & { vocabSize: number; problems?: string[] } }) {
  const L = r.leakage;
  return (
    <div className="data-report" data-testid="sequence-data-report">
      <p>
        <strong>{r.entities.toLocaleString()}</strong> people · vocabulary <strong data-testid="vocab-size">{r.vocabSize}</strong> tokens (incl. padding and unknown) · covers{' '}
        <span data-testid="vocab-coverage">{pct(r.coverage.train.occurrences)}</span> of training title occurrences, {pct(r.coverage.heldOut.occurrences)} of held-out ones ({pct(r.coverage.heldOut.distinct)} of{' '}
        {r.coverage.heldOut.distinctTitles} distinct held-out titles)
        {r.skippedRoles > 0 && <> · {r.skippedRoles} roles skipped (no title or start date)</>}
      </p>
      {r.problems && r.problems.length > 0 && <p className="note">First skipped: {r.problems.join('; ')}</p>}
      <table className="metrics" data-testid="leakage-report" data-ordered={L.ordered} data-two-sides={L.entitiesOnTwoSides}>
        <caption>
          Temporal split by person (latest end date): validation from {day(L.validationFrom)}, test from {day(L.testFrom)} ·{' '}
          {L.ordered && L.entitiesOnTwoSides === 0 ? 'no held-out target precedes a training target; nobody is on two sides' : 'LEAK: targets overlap across splits'}
        </caption>
        <thead>
          <tr>
            <th>split</th>
            <th>people</th>
            <th>examples</th>
            <th>history-only roles</th>
            <th>targets from</th>
            <th>to</th>
          </tr>
        </thead>
        <tbody>
          {(['train', 'validation', 'test'] as const).map((s) => (
            <tr key={s} data-split={s} data-examples={L.splits[s].examples}>
              <th scope="row">{s}</th>
              <td>{L.splits[s].entities}</td>
              <td>{L.splits[s].examples}</td>
              <td>{L.splits[s].contextOnly}</td>
              <td>{day(L.splits[s].targetFrom)}</td>
              <td>{day(L.splits[s].targetTo)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
