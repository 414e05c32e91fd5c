import type { MatcherRunResult } from '../../ml/models/matcher/train-matcher';

const ROWS: { key: string; label: string; higher: boolean }[] = [
  { key: 'spearman', label: 'Spearman (vs graded score)', higher: true },
  { key: 'pearson', label: 'Pearson', higher: true },
  { key: 'mse', label: 'MSE', higher: false },
  { key: 'mae', label: 'MAE', higher: false },
  { key: 'f1', label: 'F1 at P(match) ≥ 0.5', higher: true },
  { key: 'precision', label: 'Precision', higher: true },
  { key: 'recall', label: 'Recall', higher: true },
  { key: 'accuracy', label: 'Accuracy', higher: true },
];

/**
 * Fixed weights against learned ones on the same held-out candidates' pairs. Both end in a
 * Platt-calibrated P(match) fitted on the training pairs, so F1 at 0.5 compares like with like.
 */
export function MatcherComparison({ result, sectionNames }: { result: Omit<MatcherRunResult, 'sections'>; sectionNames: string[] }) {
  const f = result.fixed.metrics;
  const l = result.learned.metrics;
  const ndcg = Object.keys(l).find((k) => k.startsWith('ndcg_at_'));
  const rows = [...ROWS, ...(ndcg ? [{ key: ndcg, label: `NDCG@${ndcg.slice(8)} of jobs per candidate`, higher: true }] : [])].filter((r) => Number.isFinite(f[r.key]) || Number.isFinite(l[r.key]));
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(4));
  const c = result.counts;
  return (
    <div data-testid="matcher-comparison">
      <h3>Fixed vs learned weights (held-out pairs)</h3>
      <p className="muted">
        {c.heldOut.toLocaleString()} held-out pairs of candidates never seen in training · {c.train.toLocaleString()} training pairs · {c.candidates.toLocaleString()} candidates · {c.jobs.toLocaleString()} jobs ·{' '}
        {c.labeled.toLocaleString()} labeled · {c.graded.toLocaleString()} graded
        {c.skipped > 0 ? ` · ${c.skipped.toLocaleString()} pairs skipped (id not found)` : ''}
      </p>
      <table className="metrics">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Fixed</th>
            <th>Learned ({result.learned.mode})</th>
            <th>Δ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const d = l[r.key] - f[r.key];
            const better = r.higher ? d > 0 : d < 0;
            return (
              <tr key={r.key} data-metric={r.key} data-fixed={f[r.key]} data-learned={l[r.key]}>
                <td>{r.label}</td>
                <td>{fmt(f[r.key])}</td>
                <td>{fmt(l[r.key])}</td>
                <td className={Number.isFinite(d) ? (better ? 'good' : 'bad') : ''}>{Number.isFinite(d) ? `${d > 0 ? '+' : ''}${d.toFixed(4)}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="metrics" data-testid="matcher-weights">
        <thead>
          <tr>
            <th>Weights</th>
            {sectionNames.map((s) => (
              <th key={s}>{s}</th>
            ))}
            <th>bias</th>
            <th>Platt (a, b)</th>
          </tr>
        </thead>
        <tbody>
          {(['fixed', 'learned'] as const).map((k) => {
            const v = result[k];
            return (
              <tr key={k}>
                <td>{k === 'fixed' ? 'fixed' : `learned (${v.mode})`}</td>
                {v.linear.weights.map((w, i) => (
                  <td key={i}>{w.toFixed(3)}</td>
                ))}
                <td>{v.linear.bias.toFixed(3)}</td>
                <td>{v.platt ? `${v.platt.a.toFixed(3)}, ${v.platt.b.toFixed(3)}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
