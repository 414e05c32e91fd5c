import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetricRecord } from '../../db/records';
import { SERIES_COLORS } from '../evaluate/palette';

const HEADS = [
  { key: 'title', label: 'Next title (cross-entropy)' },
  { key: 'tenure', label: 'Tenure (MSE, standardized months)' },
  { key: 'hire', label: 'Hireability (binary cross-entropy)' },
] as const;

/** One live curve pair (train, validation) per head, read from the epoch records' metric maps; redrawn only when the epochs change. */
export const HeadLossCharts = memo(function HeadLossCharts({ epochs }: { epochs: EpochMetricRecord[] }) {
  const data = useMemo(
    () =>
      epochs.map((e) => {
        const m = e.valMetrics;
        return Object.fromEntries([['epoch', e.seq], ...HEADS.flatMap((h) => [[`${h.key}_train`, m[`loss_${h.key}_train`]], [`${h.key}_val`, m[`loss_${h.key}_val`]]])]) as Record<string, number>;
      }),
    [epochs],
  );
  return (
    <div className="charts">
      {HEADS.map((h) => (
        <figure key={h.key} className="chart" data-testid={`head-loss-${h.key}`} data-points={data.length}>
          <figcaption>{h.label}</figcaption>
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
              <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="#8a93a6" />
              <YAxis stroke="#8a93a6" width={56} tickFormatter={(v: number) => v.toPrecision(2)} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
              <Legend />
              <Line type="monotone" dataKey={`${h.key}_train`} name="train" stroke={SERIES_COLORS.train} dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey={`${h.key}_val`} name="validation" stroke={SERIES_COLORS.validation} dot={false} isAnimationActive={false} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ))}
    </div>
  );
});
