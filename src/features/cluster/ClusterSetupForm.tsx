import type { DatasetRecord } from '../../db/records';
import type { ClusterRecipe } from '../../ml/models/cluster/defaults';
import { useCluster } from '../../state/cluster-store';
import { NumberField } from '../train/NumberField';

function toggle(list: string[], name: string, on: boolean): string[] {
  return on ? [...list.filter((x) => x !== name), name] : list.filter((x) => x !== name);
}

/** Which columns to cluster on (text → TF-IDF, numeric → z-scores, one embedding column), k, seed, starts and the k range of the sweep. */
export function ClusterSetupForm({ dataset, setup }: { dataset: DatasetRecord; setup: ClusterRecipe }) {
  const update = useCluster((s) => s.update);
  const up = (p: Partial<ClusterRecipe>) => update(dataset.id, (c) => ({ ...c, ...p }));
  const f = setup.features;
  const texts = dataset.stats.filter((s) => s.dtype === 'text').map((s) => s.name);
  const numerics = dataset.stats.filter((s) => s.dtype === 'numeric' || s.dtype === 'boolean').map((s) => s.name);
  const stringCols = dataset.stats.filter((s) => s.dtype === 'text' || s.dtype === 'categorical' || s.dtype === 'id').map((s) => s.name);
  const sweep = setup.sweep;
  return (
    <section className="card" aria-label="Clustering setup" data-testid="cluster-setup">
      <h2>Clustering</h2>
      <p className="muted">
        k-means on the rows of <strong>{dataset.name}</strong>: text columns become TF-IDF (scikit-learn&apos;s, l2-normalised, joined per row), numeric columns z-scores, an embedding column its vectors as they are. A share of rows is held out
        and assigned afterwards, as new rows would be; the export is checked on them.
      </p>
      <fieldset>
        <legend>Text columns (TF-IDF)</legend>
        {texts.length === 0 && <span className="muted">none in this table</span>}
        {texts.map((c) => (
          <label key={c} className="inline">
            <input type="checkbox" data-testid={`cluster-text-${c}`} checked={f.text.includes(c)} onChange={(e) => up({ features: { ...f, text: toggle(f.text, c, e.target.checked) } })} /> {c}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Numeric columns (standardised)</legend>
        {numerics.length === 0 && <span className="muted">none in this table</span>}
        {numerics.map((c) => (
          <label key={c} className="inline">
            <input type="checkbox" data-testid={`cluster-numeric-${c}`} checked={f.numeric.includes(c)} onChange={(e) => up({ features: { ...f, numeric: toggle(f.numeric, c, e.target.checked) } })} /> {c}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <label>
          Embedding column
          <select data-testid="cluster-embedding" value={f.embedding ?? ''} onChange={(e) => up({ features: { ...f, embedding: e.target.value || null } })}>
            <option value="">(none)</option>
            {stringCols.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Hover label
          <select data-testid="cluster-label" value={setup.labelColumn ?? ''} onChange={(e) => up({ labelColumn: e.target.value || null })}>
            <option value="">(the text)</option>
            {dataset.stats.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Projection
          <select data-testid="cluster-projection-kind" value={setup.projection} onChange={(e) => up({ projection: e.target.value as ClusterRecipe['projection'] })}>
            <option value="pca">PCA</option>
            <option value="umap">UMAP</option>
          </select>
        </label>
        <label>
          Algorithm
          <select data-testid="cluster-algorithm" value={setup.algorithm} onChange={(e) => up({ algorithm: e.target.value as ClusterRecipe['algorithm'] })}>
            <option value="auto">auto (mini-batch above 20,000 rows)</option>
            <option value="lloyd">Lloyd</option>
            <option value="minibatch">mini-batch</option>
          </select>
        </label>
      </div>
      <div className="form-row">
        <NumberField label="k" value={setup.k} min={1} step={1} testId="cluster-k" onChange={(k) => up({ k })} />
        <NumberField label="Seed" value={setup.seed} step={1} testId="cluster-seed" onChange={(seed) => up({ seed })} />
        <NumberField label="Starts (n_init)" value={setup.nInit} min={1} step={1} testId="cluster-ninit" onChange={(nInit) => up({ nInit })} />
        <NumberField label="Max iterations" value={setup.maxIter} min={1} step={1} testId="cluster-maxiter" onChange={(maxIter) => up({ maxIter })} />
        <NumberField label="TF-IDF max features" value={setup.tfidf.maxFeatures} min={1} step={100} testId="cluster-maxfeatures" onChange={(maxFeatures) => up({ tfidf: { ...setup.tfidf, maxFeatures } })} />
      </div>
      <div className="form-row">
        <label className="inline">
          <input type="checkbox" data-testid="cluster-sweep" checked={!!sweep} onChange={(e) => up({ sweep: e.target.checked ? { kMin: 2, kMax: Math.max(10, setup.k) } : null })} /> k sweep (elbow and silhouette)
        </label>
        {sweep && (
          <>
            <NumberField label="from k" value={sweep.kMin} min={1} step={1} testId="cluster-kmin" onChange={(kMin) => up({ sweep: { ...sweep, kMin } })} />
            <NumberField label="to k" value={sweep.kMax} min={1} step={1} testId="cluster-kmax" onChange={(kMax) => up({ sweep: { ...sweep, kMax } })} />
          </>
        )}
      </div>
    </section>
  );
}
