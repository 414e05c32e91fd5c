import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetricRecord, RunRecord } from '../../db/records';
import { curveMetrics, curveOf } from '../../ml/registry/compare';

export const RUN_COLORS = ['#f08a4b', '#5ab0f0', '#7fd48a', '#d07ff0', '#f0d25a', '#f05a7e', '#5af0d2', '#b0b0b0'];

/** The pinned runs' curves on one chart: one figure at a time, by epoch or by wall time. */
export function CurveOverlay({ runs, series }: { runs: RunRecord[]; series: Record<string, EpochMetricRecord[]> }) {
  const metrics = curveMetrics(runs.map((r) => series[r.id] ?? []));
  const [metric, setMetric] = useState('val_loss');
  const [x, setX] = useState<'epoch' | 'time'>('epoch');
  const shown = metrics.includes(metric) ? metric : (metrics[0] ?? 'val_loss');
  const curves = runs.map((r) => ({ run: r, points: curveOf(series[r.id] ?? [], shown, x) }));
  return (
    <figure className="chart" data-testid="compare-curves" data-metric={shown} data-series={curves.filter((c) => c.points.length > 0).length}>
      <figcaption className="train-actions">
        <label>
          Figure{' '}
          <select data-testid="compare-metric" value={shown} onChange={(e) => setMetric(e.target.value)}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          x{' '}
          <select data-testid="compare-x" value={x} onChange={(e) => setX(e.target.value as 'epoch' | 'time')}>
            <option value="epoch">epoch</option>
            <option value="time">wall time (s)</option>
          </select>
        </label>
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} stroke="#8a93a6" allowDuplicatedCategory={false} />
          <YAxis stroke="#8a93a6" width={56} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          {curves.map((c, i) => (
            <Line key={c.run.id} data={c.points} dataKey="y" name={c.run.name} stroke={RUN_COLORS[i % RUN_COLORS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
