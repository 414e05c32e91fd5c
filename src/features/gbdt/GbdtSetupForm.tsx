import type { DatasetRecord } from '../../db/records';
import type { GbdtConfig, Growth } from '../../ml/models/gbdt/config';
import type { TreeColumn } from '../../ml/models/gbdt/features';
import type { TaskKind } from '../../ml/task';
import { useGbdt } from '../../state/gbdt-store';
import { labelOrder, type GbdtSetup } from '../../state/gbdt-setup';
import { NumberField } from '../train/NumberField';
import { CvSettings } from '../evaluate/CvSettings';
import { GbdtConstraints } from './GbdtConstraints';

const KINDS: TaskKind[] = ['binary', 'multiclass', 'regression', 'ordinal'];

const kindNote = (u: TreeColumn) => (u.kind === 'embedding' ? ' (embedding)' : u.kind === 'categorical' ? ` (categorical, ${u.levels} values)` : '');

/** A monotone constraint on a column no longer chosen goes with it. */
function dropStaleConstraints(s: GbdtSetup): GbdtSetup {
  const mono = s.model.monotone;
  if (!mono) return s;
  const kept = Object.fromEntries(Object.entries(mono).filter(([c]) => s.features.includes(c)));
  return { ...s, model: { ...s.model, monotone: Object.keys(kept).length ? kept : undefined } };
}

/** Target, grade order, feature columns (numeric, categorical and embedding), tree settings and the evaluation (holdout or k-fold CV). */
export function GbdtSetupForm({ dataset, setup, usable, excluded }: { dataset: DatasetRecord; setup: GbdtSetup; usable: TreeColumn[]; excluded: { column: string; reason: string }[] }) {
  const update = useGbdt((s) => s.update);
  const up = (f: (s: GbdtSetup) => GbdtSetup) => update(dataset.id, f);
  const m = setup.model;
  const setModel = (p: Partial<GbdtConfig>) => up((s) => ({ ...s, model: { ...s.model, ...p } }));
  const setTarget = (target: string) => {
    const st = dataset.stats.find((x) => x.name === target);
    up((s) => ({ ...s, target, labels: st ? labelOrder(st) : [], features: s.features.filter((f) => f !== target) }));
  };
  const chosen = new Set(setup.features);
  return (
    <section className="card" aria-label="Gradient-boosted trees setup" data-testid="gbdt-setup">
      <h2>Gradient-boosted trees</h2>
      <div className="form-grid">
        <label>
          Target
          <select data-testid="gbdt-target" value={setup.target} onChange={(e) => setTarget(e.target.value)}>
            {dataset.stats.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.dtype})
              </option>
            ))}
          </select>
        </label>
        <label>
          Objective
          <select data-testid="gbdt-kind" value={setup.kind} onChange={(e) => up((s) => ({ ...s, kind: e.target.value as TaskKind, cv: { ...s.cv, strategy: e.target.value === 'regression' && s.cv.strategy === 'stratified' ? 'kfold' : s.cv.strategy } }))}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k === 'ordinal' ? 'ordinal (cumulative link)' : k === 'multiclass' ? 'multiclass (softmax)' : k === 'binary' ? 'binary (log loss)' : 'regression (L2)'}
              </option>
            ))}
          </select>
        </label>
        {setup.kind !== 'regression' && (
          <label className="wide">
            {setup.kind === 'ordinal' ? 'Grade order, lowest first' : 'Classes'} (comma-separated)
            <input
              key={setup.labels.join(',')}
              data-testid="gbdt-labels"
              defaultValue={setup.labels.join(', ')}
              onBlur={(e) => up((s) => ({ ...s, labels: e.target.value.split(',').map((x) => x.trim()).filter(Boolean) }))}
            />
          </label>
        )}
      </div>
      <fieldset className="feature-list" data-testid="gbdt-features">
        <legend>
          Features ({setup.features.length} of {usable.filter((u) => u.column !== setup.target).length} columns)
        </legend>
        <div className="train-actions">
          <button type="button" data-testid="gbdt-features-all" onClick={() => up((s) => ({ ...s, features: usable.map((u) => u.column).filter((c) => c !== s.target) }))}>
            Select all
          </button>
          <button type="button" data-testid="gbdt-features-none" onClick={() => up((s) => dropStaleConstraints({ ...s, features: [] }))}>
            Clear
          </button>
        </div>
        <div className="option-grid">
          {usable
            .filter((u) => u.column !== setup.target)
            .map((u) => {
              const id = `gbdt-feature-${dataset.id}-${u.column}`;
              return (
                <div key={u.column} className="option-row" data-column={u.column} data-kind={u.kind}>
                  <input id={id} type="checkbox" checked={chosen.has(u.column)} onChange={(e) => up((s) => dropStaleConstraints({ ...s, features: e.target.checked ? [...s.features, u.column] : s.features.filter((f) => f !== u.column) }))} />
                  <label htmlFor={id}>
                    {u.column}
                    <span className="muted">{kindNote(u)}</span>
                  </label>
                </div>
              );
            })}
        </div>
        {excluded.filter((x) => x.column !== setup.target).length > 0 && (
          <ul className="muted excluded-columns" data-testid="gbdt-excluded">
            {excluded
              .filter((x) => x.column !== setup.target)
              .map((x) => (
                <li key={x.column} data-column={x.column}>
                  not used: <strong>{x.column}</strong>, {x.reason}
                </li>
              ))}
          </ul>
        )}
        <p className="muted">
          Trees take numeric, boolean and date columns as they are, categorical (string) columns split by sets of categories (or, with categorical splits off, as one ordinal code ordered by mean target; the export codes the strings itself), and embedding columns (JSON arrays) one feature per dimension. Missing values are routed by a direction each split learns.
        </p>
      </fieldset>
      <div className="form-grid">
        <label>
          Growth
          <select data-testid="gbdt-growth" value={m.growth} onChange={(e) => setModel({ growth: e.target.value as Growth })}>
            <option value="depthwise">depth-wise (level by level)</option>
            <option value="leafwise">leaf-wise (best leaf first)</option>
          </select>
        </label>
        <NumberField label="Rounds" value={m.rounds} min={1} onChange={(rounds) => setModel({ rounds })} testId="gbdt-rounds" />
        <NumberField label="Learning rate" value={m.learningRate} step={0.01} onChange={(learningRate) => setModel({ learningRate })} testId="gbdt-lr" />
        <NumberField label="Max depth (0 = none)" value={m.maxDepth} min={0} onChange={(maxDepth) => setModel({ maxDepth })} testId="gbdt-depth" />
        <NumberField label="Max leaves" value={m.numLeaves} min={2} onChange={(numLeaves) => setModel({ numLeaves })} />
        <NumberField label="Min samples per leaf" value={m.minSamplesLeaf} min={1} onChange={(minSamplesLeaf) => setModel({ minSamplesLeaf })} />
        <NumberField label="L2 on leaf values" value={m.l2} step={0.1} min={0} onChange={(l2) => setModel({ l2 })} />
        <NumberField label="Row subsample" value={m.rowSubsample} step={0.05} onChange={(rowSubsample) => setModel({ rowSubsample })} />
        <NumberField label="Column subsample" value={m.colSubsample} step={0.05} onChange={(colSubsample) => setModel({ colSubsample })} />
        <NumberField label="Max bins" value={m.maxBins} min={2} onChange={(maxBins) => setModel({ maxBins })} />
        <NumberField label="Early stopping (rounds, 0 = off)" value={m.earlyStoppingRounds} min={0} onChange={(earlyStoppingRounds) => setModel({ earlyStoppingRounds })} testId="gbdt-early" />
        <NumberField label="Seed" value={m.seed} onChange={(seed) => setModel({ seed })} />
      </div>
      <GbdtConstraints setup={setup} usable={usable} setModel={setModel} />
      <div className="form-grid" role="radiogroup" aria-label="Evaluation">
        <label className="check">
          <input type="radio" name={`gbdt-mode-${dataset.id}`} checked={setup.mode === 'holdout'} onChange={() => up((s) => ({ ...s, mode: 'holdout' }))} data-testid="gbdt-mode-holdout" /> Train / validation / test split (exportable model)
        </label>
        <label className="check">
          <input type="radio" name={`gbdt-mode-${dataset.id}`} checked={setup.mode === 'cv'} onChange={() => up((s) => ({ ...s, mode: 'cv' }))} data-testid="gbdt-mode-cv" /> k-fold cross-validation
        </label>
        {setup.mode === 'cv' && <CvSettings cv={setup.cv} onChange={(cv) => up((s) => ({ ...s, cv }))} kind={setup.kind} columns={dataset.stats} target={setup.target} />}
      </div>
    </section>
  );
}
