import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, XAxis, YAxis } from 'recharts';

const AXIS = '#8a93a6';
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** At most `max` points of a curve, evenly by index, keeping both ends (recharts slows past a few thousand). */
export function thinCurve<T>(points: T[], max = 400): T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]);
  return out;
}

/** A curve in the unit square with the operating point of the chosen threshold marked on it. */
export function CurveWithPoint({ points, at, title, xLabel, yLabel, testId }: { points: { x: number; y: number }[]; at: { x: number; y: number }; title: string; xLabel: string; yLabel: string; testId: string }) {
  return (
    <figure className="chart" data-testid={testId} data-points={points.length} data-x={at.x} data-y={at.y}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="x" type="number" domain={[0, 1]} ticks={TICKS} stroke={AXIS} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: AXIS }} />
          <YAxis domain={[0, 1]} ticks={TICKS} stroke={AXIS} width={48} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: -4, fill: AXIS, style: { textAnchor: 'middle' } }} />
          <Line dataKey="y" stroke="#f08a4b" dot={false} type="stepAfter" isAnimationActive={false} />
          <ReferenceDot x={at.x} y={at.y} r={6} fill="#5ab0f0" stroke="#fff" ifOverflow="visible" />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
