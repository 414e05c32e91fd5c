import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { regressionDiagnostics, MAX_PLOTTED_POINTS, type RegressionFigures } from '../../ml/evaluation/regression-diagnostics';
import { compactTick } from './axis-format';

const AXIS = '#8a93a6';
const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

/** Which figure is better: lower RMSE/MAE, higher R². */
const better = (k: keyof RegressionFigures, model: number, base: number) => (k === 'r2' ? model > base : model < base);

/**
 * Predicted against actual (with y = x and the mean baseline), residuals against predicted and the
 * residual histogram of a regression run's held-out rows, and its RMSE / MAE / R² beside those of
 * always predicting the training mean.
 */
export function RegressionDiagnostics({ y, predicted, baselineMean, baselineSource, split, target }: { y: ArrayLike<number>; predicted: ArrayLike<number>; baselineMean: number; baselineSource: string; split: string; target: string }) {
  const d = useMemo(() => regressionDiagnostics(y, predicted, baselineMean), [y, predicted, baselineMean]);
  if (d.n === 0) return null;
  const [lo, hi] = d.range;
  const pad = (hi - lo) * 0.03 || 1;
  const domain: [number, number] = [lo - pad, hi + pad];
  const sampled = d.points.length < d.n;
  const losing = (['rmse', 'mae', 'r2'] as const).filter((k) => !better(k, d.model[k], d.baseline[k]));
  const hist = d.histogram.map((b) => ({ mid: (b.lo + b.hi) / 2, label: `${compactTick(b.lo)} to ${compactTick(b.hi)}`, count: b.count }));
  return (
    <div className="regression-diagnostics" data-testid="regression-diagnostics" data-n={d.n} data-plotted={d.points.length}>
      <h3>Regression diagnostics ({split} split, {d.n.toLocaleString('en-US')} rows)</h3>
      <p className="muted" data-testid="regression-sampling">
        {sampled ? `Scatter plots show a fixed random sample of ${d.points.length.toLocaleString('en-US')} of ${d.n.toLocaleString('en-US')} rows (at most ${MAX_PLOTTED_POINTS.toLocaleString('en-US')} are drawn); the metrics and the histogram use every row.` : `Every row is plotted.`}
      </p>
      <div className="charts">
        <table className="metrics" data-testid="regression-baseline">
          <caption>
            Model vs mean baseline (predicts {f4(d.baselineMean)}, the {baselineSource})
          </caption>
          <thead>
            <tr>
              <th scope="col">metric</th>
              <th scope="col">model</th>
              <th scope="col">mean baseline</th>
            </tr>
          </thead>
          <tbody>
            {(['rmse', 'mae', 'r2'] as const).map((k) => (
              <tr key={k} data-metric={k} data-model={d.model[k]} data-baseline={d.baseline[k]}>
                <th scope="row">{k === 'r2' ? 'R²' : k.toUpperCase()}</th>
                <td>{f4(d.model[k])}</td>
                <td>{f4(d.baseline[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {losing.length > 0 && (
          <p className="error-text" role="alert" data-testid="regression-loses">
            The model does not beat predicting the mean on {losing.map((k) => (k === 'r2' ? 'R²' : k.toUpperCase())).join(', ')}.
          </p>
        )}
      </div>
      <div className="charts">
        <figure className="chart" data-testid="predicted-vs-actual" data-points={d.points.length}>
          <figcaption>Predicted vs actual {target} (dashed: y = x; dotted: mean baseline)</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 20, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
              <XAxis type="number" dataKey="actual" name="actual" domain={domain} stroke={AXIS} tickFormatter={compactTick} label={{ value: `actual ${target}`, position: 'insideBottom', offset: -12, fill: AXIS }} />
              <YAxis type="number" dataKey="predicted" name="predicted" domain={domain} stroke={AXIS} width={48} tickFormatter={compactTick} label={{ value: 'predicted', angle: -90, position: 'left', offset: 2, style: { textAnchor: 'middle' }, fill: AXIS }} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(5) : String(v))} />
              <Legend verticalAlign="top" height={24} />
              <ReferenceLine segment={[{ x: domain[0], y: domain[0] }, { x: domain[1], y: domain[1] }]} stroke="#aaa" strokeDasharray="6 4" ifOverflow="hidden" />
              <ReferenceLine y={d.baselineMean} stroke="#e0c050" strokeDasharray="2 3" ifOverflow="hidden" label={{ value: 'mean baseline', position: 'insideTopLeft', fill: '#e0c050', fontSize: 11 }} />
              <Scatter name="held-out rows" data={d.points} fill="#5ab0f0" fillOpacity={0.55} shape="circle" isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" data-testid="residuals-vs-predicted" data-points={d.points.length}>
          <figcaption>Residuals (actual − predicted) vs predicted</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 20, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
              <XAxis type="number" dataKey="predicted" name="predicted" domain={['auto', 'auto']} stroke={AXIS} tickFormatter={compactTick} label={{ value: 'predicted', position: 'insideBottom', offset: -12, fill: AXIS }} />
              <YAxis type="number" dataKey="residual" name="residual" stroke={AXIS} width={48} tickFormatter={compactTick} label={{ value: 'residual', angle: -90, position: 'left', offset: 2, style: { textAnchor: 'middle' }, fill: AXIS }} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(5) : String(v))} />
              <ReferenceLine y={0} stroke="#aaa" strokeDasharray="6 4" />
              <Scatter name="held-out rows" data={d.points} fill="#f08a4b" fillOpacity={0.55} isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" data-testid="residual-histogram" data-bins={hist.length}>
          <figcaption>Residual histogram (all {d.n.toLocaleString('en-US')} rows)</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={hist} margin={{ top: 8, right: 16, bottom: 20, left: 4 }}>
              <XAxis dataKey="mid" stroke={AXIS} tickFormatter={(v: number) => compactTick(v)} interval="preserveStartEnd" label={{ value: 'residual (bin centre)', position: 'insideBottom', offset: -12, fill: AXIS }} />
              <YAxis stroke={AXIS} width={44} allowDecimals={false} tickFormatter={compactTick} />
              <Tooltip labelFormatter={(_, payload) => String(payload?.[0]?.payload?.label ?? '')} />
              <Bar dataKey="count" fill="#5ab0f0" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>
    </div>
  );
}
