import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClusterModel } from '../../ml/models/cluster/model';
import type { ClusterReport } from '../../ml/models/cluster/report';

const AXIS = '#8a93a6';
/** Distinct hues for up to 12 clusters, then repeating. */
const COLOURS = ['#5ab0f0', '#f08a4b', '#6fd08c', '#e0c050', '#c77dff', '#ff6b8b', '#4dd0c8', '#b0b0b0', '#a3e635', '#fb7185', '#60a5fa', '#facc15'];
export const clusterColour = (c: number) => COLOURS[c % COLOURS.length];
/** Points drawn at most: an SVG scatter of more freezes the tab; the rest are sampled evenly. */
const MAX_POINTS = 3000;

interface Point {
  x: number;
  y: number;
  row: number;
  text: string;
}

function HoverText({ active, payload }: { active?: boolean; payload?: readonly { payload?: Point }[] }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="chart-tooltip" data-testid="cluster-hover">
      <strong>row {p.row + 1}</strong>
      <div>{p.text}</div>
    </div>
  );
}

export function SweepChart({ report }: { report: ClusterReport }) {
  if (!report.sweep.length) return <p className="muted">No k sweep in this run.</p>;
  const data = report.sweep.map((s) => ({ k: s.k, inertia: s.inertia, silhouette: Number.isFinite(s.silhouette) ? s.silhouette : null }));
  return (
    <figure className="chart" data-testid="cluster-sweep" data-points={data.length}>
      <figcaption>Elbow (inertia) and mean silhouette by k</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="k" stroke={AXIS} />
          <YAxis yAxisId="i" stroke={AXIS} width={56} />
          <YAxis yAxisId="s" orientation="right" stroke={AXIS} width={40} domain={[-1, 1]} />
          <Tooltip />
          <Legend verticalAlign="top" height={24} />
          <Line yAxisId="i" type="monotone" dataKey="inertia" stroke="#5ab0f0" dot isAnimationActive={false} />
          <Line yAxisId="s" type="monotone" dataKey="silhouette" stroke="#f08a4b" dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ProjectionPlot({ model, report }: { model: ClusterModel; report: ClusterReport }) {
  const byCluster = useMemo(() => {
    const { at, points } = report.projection;
    const every = Math.max(1, Math.ceil(at.length / MAX_POINTS));
    const groups: Point[][] = Array.from({ length: model.k }, () => []);
    for (let j = 0; j < at.length; j += every) {
      const i = at[j];
      groups[model.labels[i]].push({ x: points[2 * j], y: points[2 * j + 1], row: model.rows[i], text: report.hover[i] });
    }
    return groups;
  }, [model, report]);
  const e = report.projection.explained;
  return (
    <figure className="chart" data-testid="cluster-projection" data-kind={report.projection.kind} data-points={byCluster.reduce((s, g) => s + g.length, 0)}>
      <figcaption>
        {report.projection.kind === 'pca' ? 'PCA' : 'UMAP'} projection of the clustered rows, coloured by cluster{e ? ` (axes explain ${(e[0] * 100).toFixed(1)}% and ${(e[1] * 100).toFixed(1)}% of the variance)` : ''}
      </figcaption>
      <ResponsiveContainer width="100%" height={360}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis type="number" dataKey="x" stroke={AXIS} tickFormatter={(v: number) => v.toFixed(2)} />
          <YAxis type="number" dataKey="y" stroke={AXIS} width={48} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip content={<HoverText />} />
          <Legend verticalAlign="top" height={24} />
          {byCluster.map((pts, c) => (
            <Scatter key={c} name={`cluster ${c}`} data={pts} fill={clusterColour(c)} fillOpacity={0.7} isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function TopTermsTable({ report }: { report: ClusterReport }) {
  return (
    <table className="data-table" data-testid="cluster-top-terms">
      <thead>
        <tr>
          <th>Cluster</th>
          <th>Rows</th>
          <th>Top terms (centre weight)</th>
        </tr>
      </thead>
      <tbody>
        {report.topTerms.map((terms, c) => (
          <tr key={c} data-testid={`cluster-terms-${c}`}>
            <td>
              <span className="swatch" style={{ background: clusterColour(c) }} /> {c}
            </td>
            <td>{report.sizes[c]}</td>
            <td>{terms.map((t) => `${t.term} (${t.weight.toFixed(3)})`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The run's report: the sweep, the projection, and what sets each cluster apart. */
export function ClusterReportView({ model, report }: { model: ClusterModel; report: ClusterReport }) {
  return (
    <div data-testid="cluster-report">
      <h3>Elbow and silhouette</h3>
      <SweepChart report={report} />
      <h3>Projection</h3>
      <ProjectionPlot model={model} report={report} />
      <h3>Top terms</h3>
      <TopTermsTable report={report} />
    </div>
  );
}
