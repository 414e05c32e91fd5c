import type { DatasetRecord } from '../../db/records';
import type { SplitStrategy, TaskKind } from '../../ml/task';
import type { Setup } from '../../state/tabular-setup';
import { usableAsFeature } from '../../state/tabular-setup';
import { useSetup } from '../../state/tabular-setup-store';
import { labelOrder } from '../../ml/data/label-order';

const KINDS: TaskKind[] = ['binary', 'multiclass', 'regression', 'ordinal'];
const STRATEGIES: SplitStrategy[] = ['random', 'stratified', 'group', 'temporal'];

export function TaskSetup({ dataset, setup }: { dataset: DatasetRecord; setup: Setup }) {
  const update = useSetup((s) => s.update);
  const setTarget = useSetup((s) => s.setTarget);
  const up = (f: (s: Setup) => Setup) => update(dataset.id, f);
  const targetStats = dataset.stats.find((s) => s.name === setup.task.target);
  // a boolean target offers its two values as the file spelled them, negative first (what training uses when no order is set)
  const labelChoices = targetStats?.dtype === 'boolean' ? labelOrder(targetStats) : (targetStats?.top?.map((t) => t.value) ?? []);
  const natural = targetStats?.dtype === 'boolean' ? labelChoices : [...labelChoices].sort();
  const { task, split, preprocess } = setup;
  const splitColumns = dataset.stats.filter((s) => (split.strategy === 'temporal' ? s.dtype === 'datetime' || s.dtype === 'numeric' : s.dtype !== 'text'));

  return (
    <section className="card" aria-label="Task setup">
      <h2>Task</h2>
      <div className="form-grid">
        <label>
          Target
          <select data-testid="target-select" value={task.target} onChange={(e) => setTarget(dataset.id, dataset.stats, e.target.value)}>
            {dataset.stats.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.dtype})
              </option>
            ))}
          </select>
        </label>
        <label>
          Task
          <select data-testid="task-kind" value={task.kind} onChange={(e) => up((s) => ({ ...s, task: { ...s.task, kind: e.target.value as TaskKind, labels: undefined } }))}>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        {task.kind === 'ordinal' && (
          <label className="wide">
            Label order, lowest first (comma-separated)
            <input
              data-testid="ordinal-order"
              defaultValue={(task.labels ?? natural).join(', ')}
              onBlur={(e) => up((s) => ({ ...s, task: { ...s.task, labels: e.target.value.split(',').map((x) => x.trim()).filter(Boolean) } }))}
            />
          </label>
        )}
        {task.kind === 'binary' && labelChoices.length === 2 && (
          <label>
            Positive class
            <select
              value={task.labels?.[1] ?? natural[1]}
              onChange={(e) => up((s) => ({ ...s, task: { ...s.task, labels: [labelChoices.find((l) => l !== e.target.value)!, e.target.value] } }))}
            >
              {labelChoices.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        )}
      </div>

      <details>
        <summary>
          Features: {task.features.length} of {dataset.stats.filter(usableAsFeature).length - 1} usable columns
        </summary>
        <div className="feature-grid">
          {dataset.stats
            .filter((s) => s.name !== task.target)
            .map((s) => (
              <label key={s.name} className={usableAsFeature(s) ? '' : 'muted'}>
                <input
                  type="checkbox"
                  disabled={!usableAsFeature(s)}
                  checked={task.features.includes(s.name)}
                  onChange={(e) =>
                    up((st) => ({ ...st, task: { ...st.task, features: e.target.checked ? [...st.task.features, s.name] : st.task.features.filter((f) => f !== s.name) } }))
                  }
                />
                {s.name} <span className="muted">{s.dtype}</span>
              </label>
            ))}
        </div>
      </details>

      <h3>Preprocessing</h3>
      <div className="form-grid">
        <label className="check">
          <input type="checkbox" checked={preprocess.standardize} onChange={(e) => up((s) => ({ ...s, preprocess: { ...s.preprocess, standardize: e.target.checked } }))} />
          Standardize numerics
        </label>
        <label>
          One-hot cap (categories per column)
          <input type="number" min={1} value={preprocess.maxCategories} onChange={(e) => up((s) => ({ ...s, preprocess: { ...s.preprocess, maxCategories: Math.max(1, +e.target.value) } }))} />
        </label>
        <label>
          Missing numerics
          <select value={preprocess.numericImpute} onChange={(e) => up((s) => ({ ...s, preprocess: { ...s.preprocess, numericImpute: e.target.value as Setup['preprocess']['numericImpute'] } }))}>
            <option value="mean">impute mean</option>
            <option value="median">impute median</option>
            <option value="zero">fill 0</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={preprocess.missingIndicators} onChange={(e) => up((s) => ({ ...s, preprocess: { ...s.preprocess, missingIndicators: e.target.checked } }))} />
          Add missing indicators
        </label>
      </div>

      <h3>Split</h3>
      <div className="form-grid">
        <label>
          Strategy
          <select data-testid="split-strategy" value={split.strategy} onChange={(e) => up((s) => ({ ...s, split: { ...s.split, strategy: e.target.value as SplitStrategy } }))}>
            {STRATEGIES.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        {(split.strategy === 'group' || split.strategy === 'temporal') && (
          <label>
            {split.strategy === 'group' ? 'Group column' : 'Time column'}
            <select value={split.column ?? ''} onChange={(e) => up((s) => ({ ...s, split: { ...s.split, column: e.target.value || undefined } }))}>
              <option value="">choose…</option>
              {splitColumns.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Validation fraction
          <input type="number" step={0.05} min={0.05} max={0.9} value={split.validationFraction} onChange={(e) => up((s) => ({ ...s, split: { ...s.split, validationFraction: +e.target.value } }))} />
        </label>
        <label>
          Test fraction
          <input type="number" step={0.05} min={0} max={0.9} value={split.testFraction} onChange={(e) => up((s) => ({ ...s, split: { ...s.split, testFraction: +e.target.value } }))} />
        </label>
        <label>
          Seed
          <input type="number" value={split.seed} onChange={(e) => up((s) => ({ ...s, split: { ...s.split, seed: Math.trunc(+e.target.value) } }))} />
        </label>
      </div>
    </section>
  );
}
