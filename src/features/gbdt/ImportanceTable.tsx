import { useMemo } from 'react';
import type { FeatureImportance } from '../../ml/models/gbdt/model';

/** Top features by total split gain, and the same summed per source column (an embedding's dimensions together). */
export function ImportanceTable({ importance, top = 15 }: { importance: FeatureImportance[]; top?: number }) {
  const bySource = useMemo(() => {
    const m = new Map<string, { gain: number; splits: number; width: number }>();
    for (const f of importance) {
      const src = f.feature.replace(/\[\d+\]$/, '');
      const cur = m.get(src) ?? { gain: 0, splits: 0, width: 0 };
      cur.gain += f.gain;
      cur.splits += f.splits;
      cur.width++;
      m.set(src, cur);
    }
    return [...m.entries()].sort((a, b) => b[1].gain - a[1].gain);
  }, [importance]);
  const total = importance.reduce((a, f) => a + f.gain, 0) || 1;
  return (
    <div className="charts">
      <table className="metrics" data-testid="importance-table">
        <caption>Feature importance (top {top} by gain)</caption>
        <thead>
          <tr>
            <th scope="col">feature</th>
            <th scope="col">gain share</th>
            <th scope="col">splits</th>
          </tr>
        </thead>
        <tbody>
          {importance.slice(0, top).map((f) => (
            <tr key={f.feature}>
              <th scope="row">{f.feature}</th>
              <td>{((100 * f.gain) / total).toFixed(1)}%</td>
              <td>{f.splits}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {bySource.some(([, v]) => v.width > 1) && (
        <table className="metrics" data-testid="importance-by-column">
          <caption>By source column</caption>
          <tbody>
            {bySource.slice(0, top).map(([name, v]) => (
              <tr key={name}>
                <th scope="row">
                  {name}
                  {v.width > 1 ? ` (${v.width} dims)` : ''}
                </th>
                <td>{((100 * v.gain) / total).toFixed(1)}%</td>
                <td>{v.splits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
