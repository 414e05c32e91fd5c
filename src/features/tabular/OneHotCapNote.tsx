import type { DatasetRecord } from '../../db/records';
import { useSetup } from '../../state/tabular-setup-store';
import { DEFAULT_PREPROCESS } from '../../ml/data/preprocess';

const SHOW_LEVELS = 12;

/**
 * What the one-hot cap lumps into __other__, per categorical column over the cap: which levels
 * and how many rows, with a button that raises the cap to keep them all. The counts are over all
 * rows; training fits the cap on the training rows only, which can differ slightly.
 */
export function OneHotCapNote({ dataset }: { dataset: DatasetRecord }) {
  const setup = useSetup((s) => s.byDataset[dataset.id]);
  const update = useSetup((s) => s.update);
  const cap = setup?.preprocess.maxCategories ?? DEFAULT_PREPROCESS.maxCategories;
  const over = dataset.stats.filter((s) => s.dtype === 'categorical' && s.distinct > cap && (!setup || setup.task.target !== s.name));
  if (over.length === 0) return null;
  const needed = over.reduce((m, s) => Math.max(m, s.distinct), 0);
  return (
    <div className="onehot-cap" data-testid="onehot-cap">
      <p>
        One-hot cap: {cap} categories per column. Levels beyond the {cap} most frequent share one <code>__other__</code> feature:
      </p>
      <ul>
        {over.map((s) => {
          const top = s.top ?? [];
          const present = dataset.rowCount - s.missing;
          const keptRows = top.slice(0, cap).reduce((a, t) => a + t.count, 0);
          const lumped = top.slice(cap);
          const shown = lumped.slice(0, SHOW_LEVELS);
          const more = s.distinct - cap - shown.length;
          return (
            <li key={s.name} data-testid={`onehot-lumped-${s.name}`}>
              <strong>{s.name}</strong>: {s.distinct - cap} of {s.distinct.toLocaleString()} levels, {(present - keptRows).toLocaleString()} rows → __other__ ({shown.map((t) => `${t.value} (${t.count})`).join(', ')}
              {more > 0 ? `, and ${more.toLocaleString()} more` : ''})
            </li>
          );
        })}
      </ul>
      {setup && (
        <button type="button" data-testid="raise-onehot-cap" onClick={() => update(dataset.id, (st) => ({ ...st, preprocess: { ...st.preprocess, maxCategories: needed } }))}>
          Raise the cap to {needed.toLocaleString()} (keep every level)
        </button>
      )}
    </div>
  );
}
