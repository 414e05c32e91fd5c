import { useMemo, useState } from 'react';
import type { GbdtModel } from '../../../ml/models/gbdt/model';
import { dependencePoints, shapSummary, swarmPoints, waterfall } from '../../../ml/models/gbdt/shap-summary';
import type { GbdtParityRows } from '../../../ml/models/gbdt/train-gbdt';
import { Beeswarm, Dependence, ShapBars, Waterfall } from './shap-charts';
import { EXPLAINED_ROWS, useExplanation } from './use-explanation';

/** What a row's margin is in this model's terms. */
function marginUnit(m: GbdtModel): string {
  if (m.kind === 'binary') return 'log-odds';
  if (m.kind === 'ordinal') return 'latent grade score';
  if (m.kind === 'multiclass') return 'class score';
  return 'prediction';
}

/**
 * Why the model scored a row as it did: exact TreeSHAP on the validation rows. A waterfall for one
 * row (keyboard: the row field, or ← → on the buttons), mean |contribution| per feature and per
 * source column, a beeswarm of the top features, and one feature's dependence plot.
 */
export function GbdtExplain({ model, parity }: { model: GbdtModel; parity: GbdtParityRows }) {
  const [start, setStart] = useState(false);
  const [row, setRow] = useState(0);
  const [output, setOutput] = useState(0);
  const [byColumn, setByColumn] = useState(true);
  const state = useExplanation(model, parity, start);
  const names = model.featureNames;
  const done = state.status === 'done' ? state : null;
  const summary = useMemo(() => (done ? shapSummary(done.e, names) : null), [done, names]);
  const top = useMemo(() => (summary ? summary.features.slice(0, 10).map((f) => f.name) : []), [summary]);
  const [feature, setFeature] = useState<string | null>(null);
  const dep = feature ?? top[0] ?? null;
  const swarm = useMemo(() => (done ? swarmPoints(done.e, done.x, names, output, top) : []), [done, names, output, top]);
  const dependence = useMemo(() => (done && dep ? dependencePoints(done.e, done.x, names, dep, output) : []), [done, names, dep, output]);
  const rows = done?.e.rows ?? 0;
  const w = done && rows > 0 ? waterfall(done.e, names, Math.min(row, rows - 1), output, 10) : null;
  const outputs = model.outputs > 1 ? (model.labels ?? Array.from({ length: model.outputs }, (_, k) => `class ${k}`)) : null;

  if (!start) {
    return (
      <section className="panel" data-testid="gbdt-explain">
        <h3>Explanations</h3>
        <p className="muted">Exact TreeSHAP: how much each feature moved a validation row's {marginUnit(model)} away from the average.</p>
        <button type="button" data-testid="gbdt-explain-start" onClick={() => setStart(true)}>
          Explain validation rows
        </button>
      </section>
    );
  }
  return (
    <section className="panel" data-testid="gbdt-explain" data-status={state.status}>
      <h3>Explanations</h3>
      {(state.status === 'running' || state.status === 'idle') && (
        <p className="muted" role="status">
          Explaining rows: {state.status === 'running' ? state.done : 0} of {state.status === 'running' ? state.rows : Math.min(parity.rows, EXPLAINED_ROWS)}…
        </p>
      )}
      {state.status === 'error' && <p className="error">Could not explain: {state.message}</p>}
      {done && summary && w && (
        <>
          <div className="row-controls">
            {outputs && (
              <label>
                Class{' '}
                <select value={output} onChange={(e) => setOutput(Number(e.target.value))} data-testid="gbdt-explain-output">
                  {outputs.map((o, k) => (
                    <option key={o} value={k}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Validation row{' '}
              <input type="number" min={1} max={rows} value={Math.min(row, rows - 1) + 1} onChange={(e) => setRow(Math.max(0, Math.min(rows - 1, Number(e.target.value) - 1 || 0)))} data-testid="gbdt-explain-row" />
            </label>
            <button type="button" aria-label="previous row" onClick={() => setRow((r) => Math.max(0, r - 1))} disabled={row === 0}>
              ←
            </button>
            <button type="button" aria-label="next row" onClick={() => setRow((r) => Math.min(rows - 1, r + 1))} disabled={row >= rows - 1}>
              →
            </button>
            <span className="muted">
              {rows} of {parity.rows} validation rows explained
            </span>
          </div>
          <Waterfall base={w.base} steps={w.steps} margin={w.margin} unit={marginUnit(model)} />
          <label>
            <input type="checkbox" checked={byColumn} onChange={(e) => setByColumn(e.target.checked)} /> per source column (an embedding's dimensions together)
          </label>
          <ShapBars items={byColumn ? summary.columns : summary.features} output={output} title={`Mean |contribution| per ${byColumn ? 'source column' : 'feature'}`} testId="shap-summary" />
          <Beeswarm points={swarm} features={top} />
          <label>
            Dependence of{' '}
            <select value={dep ?? ''} onChange={(e) => setFeature(e.target.value)} data-testid="gbdt-explain-feature">
              {summary.features.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          {dep && <Dependence feature={dep} points={dependence} />}
        </>
      )}
    </section>
  );
}
