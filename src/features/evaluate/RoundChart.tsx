import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColor } from './palette';

export interface RoundPoint {
  fold: number | null;
  round: number;
  trainLoss: number;
  validationLoss: number | null;
}

/**
 * Loss per boosting round. A holdout run shows training and validation; cross-validation shows
 * the early-stopping (inner validation) loss of each fold, one line per fold.
 */
export function RoundChart({ points, title }: { points: RoundPoint[]; title: string }) {
  const { data, series } = useMemo(() => {
    const cv = points.some((p) => p.fold !== null);
    const byRound = new Map<number, Record<string, number>>();
    const names = new Set<string>();
    for (const p of points) {
      const row = byRound.get(p.round) ?? { round: p.round };
      if (cv) {
        const key = `fold ${(p.fold as number) + 1}`;
        names.add(key);
        row[key] = p.validationLoss ?? p.trainLoss;
      } else {
        row.train = p.trainLoss;
        if (p.validationLoss !== null) row.validation = p.validationLoss;
      }
      byRound.set(p.round, row);
    }
    const series = cv ? [...names] : ['train', ...(points.some((p) => p.validationLoss !== null) ? ['validation'] : [])];
    return { data: [...byRound.values()].sort((a, b) => a.round - b.round), series };
  }, [points]);
  return (
    <figure className="chart" data-testid="round-chart" data-points={points.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="round" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="#8a93a6" />
          <YAxis stroke="#8a93a6" width={56} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          {series.map((s, i) => (
            <Line key={s} type="monotone" dataKey={s} stroke={seriesColor(s, i)} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
