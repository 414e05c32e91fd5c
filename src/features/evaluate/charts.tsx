import { memo } from 'react';
import { compactTick } from './axis-format';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface BinPoint {
  meanPred: number;
  fracPos: number;
  count: number;
}

const AXIS = '#8a93a6';
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

type ReliabilitySeries = { name: string; color: string; bins: BinPoint[] }[];

/** Same series when names, colours and bin arrays are the same: callers build the list inline, the bins come from stored records. */
const sameSeries = (a: ReliabilitySeries, b: ReliabilitySeries) => a.length === b.length && a.every((s, i) => s.name === b[i].name && s.color === b[i].color && s.bins === b[i].bins);

/**
 * Reliability diagram: observed frequency against mean predicted probability, per bin, beside the
 * diagonal. Memoized (as the histogram): live panels re-render with every progress update.
 */
export const ReliabilityChart = memo(function ReliabilityChart({ series, testId, title }: { series: ReliabilitySeries; testId: string; title: string }) {
  const data = series.flatMap((s) => s.bins.filter((b) => b.count > 0).map((b) => ({ x: b.meanPred, [s.name]: b.fracPos })));
  data.sort((a, b) => a.x - b.x);
  return (
    <figure className="chart" data-testid={testId} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={[{ x: 0, ideal: 0 }, ...data, { x: 1, ideal: 1 }]} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="x" type="number" domain={[0, 1]} ticks={TICKS} stroke={AXIS} tickFormatter={(v: number) => v.toFixed(1)} />
          <YAxis domain={[0, 1]} ticks={TICKS} stroke={AXIS} width={40} tickFormatter={(v: number) => v.toFixed(1)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(v) => `mean predicted ${Number(v).toFixed(3)}`} />
          <Legend />
          <Line dataKey="ideal" name="perfectly calibrated" stroke="#555" strokeDasharray="4 4" dot={false} connectNulls isAnimationActive={false} />
          {series.map((s) => (
            <Line key={s.name} dataKey={s.name} stroke={s.color} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
},
(a, b) => a.testId === b.testId && a.title === b.title && sameSeries(a.series, b.series));

export const HistogramChart = memo(function HistogramChart({ counts, title, testId }: { counts: number[]; title: string; testId: string }) {
  const data = counts.map((c, i) => ({ bin: `${(i / counts.length).toFixed(1)}`, count: c }));
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <XAxis dataKey="bin" stroke={AXIS} />
          {/* counts reach the tens of thousands: compact ticks ("12k") in an axis wide enough for them */}
          <YAxis stroke={AXIS} width={44} allowDecimals={false} tickFormatter={compactTick} />
          <Tooltip />
          <Bar dataKey="count" fill="#5ab0f0" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
},
(a, b) => a.testId === b.testId && a.title === b.title && a.counts.length === b.counts.length && a.counts.every((c, i) => c === b.counts[i]));

export function CurveChart({ points, title, xLabel, yLabel, testId }: { points: { x: number; y: number }[]; title: string; xLabel: string; yLabel: string; testId: string }) {
  return (
    <figure className="chart" data-testid={testId} data-points={points.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="x" type="number" domain={[0, 1]} ticks={TICKS} stroke={AXIS} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: AXIS }} />
          <YAxis domain={[0, 1]} ticks={TICKS} stroke={AXIS} width={40} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: yLabel, angle: -90, position: 'left', offset: 2, style: { textAnchor: 'middle' }, fill: AXIS }} />
          <Line dataKey="y" stroke="#f08a4b" dot={false} type="stepAfter" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Confusion matrix as a heat map table: rows are true classes, columns predictions. */
export function ConfusionHeatmap({ matrix, labels, testId = 'confusion-matrix', ariaLabel = 'Confusion matrix: rows true class, columns predicted class' }: { matrix: number[][]; labels: string[]; testId?: string; ariaLabel?: string }) {
  let max = 1;
  for (const row of matrix) for (const v of row) max = Math.max(max, v);
  return (
    <table className="heatmap" data-testid={testId} aria-label={ariaLabel}>
      <thead>
        <tr>
          <th scope="col">true \ predicted</th>
          {labels.map((l) => (
            <th key={l} scope="col">
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={labels[i]}>
            <th scope="row">{labels[i]}</th>
            {row.map((v, j) => (
              <td key={j} data-count={v} style={{ background: `rgba(${i === j ? '90,176,240' : '240,138,75'}, ${(0.1 + 0.9 * v / max).toFixed(3)})` }}>
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
