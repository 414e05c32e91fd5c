import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ShapImportance } from '../../../ml/models/gbdt/shap-summary';

const AXIS = '#8a93a6';
const UP = '#f06a5a';
const DOWN = '#5ab0f0';
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** One row's path from the base value to its margin: each bar starts where the previous one ended. */
export function Waterfall({ base, steps, margin, unit }: { base: number; steps: { name: string; phi: number }[]; margin: number; unit: string }) {
  const ends = steps.reduce<number[]>((acc, s) => [...acc, acc[acc.length - 1] + s.phi], [base]);
  const data = steps.map((s, i) => ({ name: s.name, range: [Math.min(ends[i], ends[i + 1]), Math.max(ends[i], ends[i + 1])] as [number, number], phi: s.phi }));
  return (
    <figure className="chart" data-testid="shap-waterfall" data-steps={steps.length} data-margin={margin}>
      <figcaption>
        From the base value {fmt(base)} to this row's {unit} {fmt(margin)}: the largest contributions
      </figcaption>
      <ResponsiveContainer width="100%" height={Math.max(160, 26 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis type="number" domain={['auto', 'auto']} stroke={AXIS} tickFormatter={fmt} />
          <YAxis type="category" dataKey="name" width={170} stroke={AXIS} />
          <ReferenceLine x={base} stroke="#888" strokeDasharray="4 4" />
          <Tooltip formatter={(_v, _n, p) => [fmt((p.payload as { phi: number }).phi), 'contribution']} />
          <Bar dataKey="range" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.phi >= 0 ? UP : DOWN} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Mean |contribution| per feature or source column: the model's global reliance. */
export function ShapBars({ items, output, title, testId }: { items: ShapImportance[]; output: number; title: string; testId: string }) {
  const data = items.slice(0, 15).map((i) => ({ name: i.name, value: i.meanAbs[output] }));
  return (
    <figure className="chart" data-testid={testId} data-items={data.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={26 * data.length + 40}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
          <XAxis type="number" stroke={AXIS} tickFormatter={fmt} />
          <YAxis type="category" dataKey="name" width={170} stroke={AXIS} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))} />
          <Bar dataKey="value" fill="#9d7af0" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export interface SwarmPoint {
  phi: number;
  /** the feature's row in the plot (0 = top) plus a little jitter */
  y: number;
  /** the feature value's rank among the rows, 0..1; NaN when missing */
  level: number;
  feature: string;
  value: number;
}

/** Colour from low (blue) to high (red) feature value; grey for missing. */
function levelColour(level: number): string {
  if (Number.isNaN(level)) return '#777';
  const r = Math.round(90 + 150 * level);
  const b = Math.round(240 - 150 * level);
  return `rgb(${r},110,${b})`;
}

/** Each row's contribution per top feature, coloured by the feature's value: direction and spread at once. */
export function Beeswarm({ points, features }: { points: SwarmPoint[]; features: string[] }) {
  return (
    <figure className="chart" data-testid="shap-beeswarm" data-points={points.length}>
      <figcaption>Contribution per row for the top features (colour: feature value, blue low → red high, grey missing)</figcaption>
      <ResponsiveContainer width="100%" height={28 * features.length + 50}>
        <ScatterChart margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis type="number" dataKey="phi" name="contribution" stroke={AXIS} tickFormatter={fmt} />
          <YAxis type="number" dataKey="y" domain={[-0.5, features.length - 0.5]} ticks={features.map((_, i) => i)} tickFormatter={(i: number) => features[i] ?? ''} reversed width={170} stroke={AXIS} />
          <ReferenceLine x={0} stroke="#888" />
          <Tooltip formatter={(v, n) => [typeof v === 'number' ? fmt(v) : String(v), String(n)]} labelFormatter={() => ''} />
          <Scatter data={points} isAnimationActive={false}>
            {points.map((p, i) => (
              <Cell key={i} fill={levelColour(p.level)} />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** A feature's value against its contribution: the shape the trees learned for it. */
export function Dependence({ feature, points }: { feature: string; points: { value: number; phi: number }[] }) {
  return (
    <figure className="chart" data-testid="shap-dependence" data-points={points.length}>
      <figcaption>Dependence: {feature} against its contribution</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <ScatterChart margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis type="number" dataKey="value" name={feature} domain={['auto', 'auto']} stroke={AXIS} tickFormatter={fmt} />
          <YAxis type="number" dataKey="phi" name="contribution" stroke={AXIS} tickFormatter={fmt} width={50} />
          <ReferenceLine y={0} stroke="#888" />
          <Tooltip formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))} />
          <Scatter data={points} fill="#5ab0f0" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
