import { isNumericColumn, type Frame } from '../../../ml/data/frame';
import { detectEmbedding } from '../../../ml/models/ranker/items';
import type { SamplerKind } from '../../../ml/models/ranker/labels';
import { useLabeling } from '../../../state/ranker-labeling-store';

function toggle(list: string[], name: string): string[] {
  return list.includes(name) ? list.filter((x) => x !== name) : [...list, name];
}

/** Which columns are the id, the card, the features and the relevance; reason tags, target and sampler. */
export function PoolSetup({ frame }: { frame: Frame }) {
  const record = useLabeling((s) => s.record);
  const pool = useLabeling((s) => s.pool);
  const poolError = useLabeling((s) => s.poolError);
  const update = useLabeling((s) => s.updatePool);
  if (!record) return null;
  const spec = record.spec;
  const numeric = frame.columns.filter(isNumericColumn).map((c) => c.name);
  const detected = detectEmbedding(frame);
  return (
    <details className="card" open={!!poolError} data-testid="pool-setup">
      <summary>
        Item pool: {pool ? `${pool.ids.length} items · ${pool.dim} features (${pool.metricCount} metrics${pool.dim > pool.metricCount ? `, embedding of ${pool.dim - pool.metricCount}` : ''})` : 'not usable yet'}
      </summary>
      {poolError && (
        <p className="error-text" role="alert" data-testid="pool-error">
          {poolError}
        </p>
      )}
      <div className="setup-columns">
        <label className="field">
          Id column
          <select value={spec.idColumn} onChange={(e) => void update({ spec: { ...spec, idColumn: e.target.value } })}>
            {frame.columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Relevance column (for NDCG)
          <select value={spec.relevanceColumn ?? ''} onChange={(e) => void update({ spec: { ...spec, relevanceColumn: e.target.value || null } })}>
            <option value="">none</option>
            {numeric.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Embedding
          <select
            value={spec.embedding ? (spec.embedding.kind === 'json' ? spec.embedding.column : `${spec.embedding.prefix}*`) : ''}
            onChange={(e) => {
              const v = e.target.value;
              const embedding = !v ? null : v.endsWith('*') && detected?.kind === 'columns' ? detected : { kind: 'json' as const, column: v };
              void update({ spec: { ...spec, embedding } });
            }}
          >
            <option value="">none</option>
            {detected?.kind === 'columns' && <option value={`${detected.prefix}*`}>{`${detected.prefix}0..${detected.columns.length - 1}`}</option>}
            {frame.columns
              .filter((c) => !isNumericColumn(c))
              .map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} (JSON array)
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Sampling
          <select value={record.sampler} onChange={(e) => void update({ sampler: e.target.value as SamplerKind })} data-testid="sampler">
            <option value="random">random</option>
            <option value="coverage">coverage-balanced</option>
            <option value="active">active (ranker least sure)</option>
          </select>
        </label>
        <label className="field">
          Target labels
          <input type="number" min={1} value={record.target} onChange={(e) => void update({ target: Math.max(1, Number(e.target.value) || 1) })} />
        </label>
        <label className="field">
          Labeler
          <input type="text" value={record.labeler} onChange={(e) => void update({ labeler: e.target.value })} placeholder="your name (optional)" />
        </label>
      </div>
      <fieldset>
        <legend>Shown on the cards</legend>
        {frame.columns.map((c) => (
          <label key={c.name} className="check">
            <input type="checkbox" checked={spec.displayColumns.includes(c.name)} onChange={() => void update({ spec: { ...spec, displayColumns: toggle(spec.displayColumns, c.name) } })} /> {c.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Metric features (standardized)</legend>
        {numeric.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={spec.metricColumns.includes(c)} onChange={() => void update({ spec: { ...spec, metricColumns: toggle(spec.metricColumns, c) } })} /> {c}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Reason tags (comma-separated; keys 1–9 toggle them)
        <input type="text" defaultValue={record.reasonTags.join(', ')} onBlur={(e) => void update({ reasonTags: e.target.value.split(',').map((t) => t.trim()).filter(Boolean) })} data-testid="reason-tags" />
      </label>
    </details>
  );
}
