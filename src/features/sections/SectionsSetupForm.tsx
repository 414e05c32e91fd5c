import type { DatasetRecord } from '../../db/records';
import type { SectionsConfig, SectionsModelConfig } from '../../ml/models/sections/config';
import { useSections } from '../../state/sections-store';
import { NumberField } from '../train/NumberField';

/** Which columns hold the section text and its label, the TF-IDF, the model and the confidence floor. */
export function SectionsSetupForm({ dataset, config }: { dataset: DatasetRecord; config: SectionsConfig }) {
  const update = useSections((s) => s.update);
  const up = (f: (c: SectionsConfig) => SectionsConfig) => update(dataset.id, f);
  const model = (p: Partial<SectionsModelConfig>) => up((c) => ({ ...c, model: { ...c.model, ...p } }));
  const tf = (p: Partial<SectionsConfig['tfidf']>) => up((c) => ({ ...c, tfidf: { ...c.tfidf, ...p } }));
  const names = dataset.stats.map((s) => s.name);
  const column = (label: string, key: 'text' | 'label', testId: string) => (
    <label>
      {label}
      <select data-testid={testId} value={config.columns[key]} onChange={(e) => up((c) => ({ ...c, columns: { ...c.columns, [key]: e.target.value } }))}>
        {!names.includes(config.columns[key]) && <option value="">(choose)</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
  const m = config.model;
  return (
    <section className="card" aria-label="Section classifier setup" data-testid="sections-setup">
      <h2>Section classifier</h2>
      <p className="muted">
        One row per section of a posting: its text and its label (requirements, benefits, …). TF-IDF on the training sections feeds logistic regression or an MLP trained on Kiln&apos;s engine; probabilities are temperature-calibrated, and a section under the
        confidence floor falls back to the whole text. JSONL {'{"text", "label"}'} from an annotation tool imports as such a table.
      </p>
      <div className="form-grid">
        {column('Text column', 'text', 'sections-text-column')}
        {column('Label column', 'label', 'sections-label-column')}
        <label>
          Model
          <select data-testid="sections-model-kind" value={m.kind} onChange={(e) => model({ kind: e.target.value as SectionsModelConfig['kind'] })}>
            <option value="logistic">logistic regression</option>
            <option value="mlp">MLP</option>
          </select>
        </label>
        {m.kind === 'mlp' && (
          <>
            <NumberField label="Hidden units" value={m.hidden[0] ?? 64} min={1} step={16} onChange={(v) => model({ hidden: [Math.round(v)] })} testId="sections-hidden" />
            <label>
              Activation
              <select data-testid="sections-activation" value={m.activation} onChange={(e) => model({ activation: e.target.value as SectionsModelConfig['activation'] })}>
                <option value="relu">relu</option>
                <option value="tanh">tanh</option>
              </select>
            </label>
          </>
        )}
        <NumberField label="Confidence floor" value={config.floor} min={0} step={0.05} onChange={(v) => up((c) => ({ ...c, floor: v }))} testId="sections-floor" />
        <NumberField label="Epochs" value={m.epochs} min={1} onChange={(v) => model({ epochs: Math.round(v) })} testId="sections-epochs" />
        <NumberField label="Early-stop patience (0: off)" value={m.patience} min={0} onChange={(v) => model({ patience: Math.max(0, Math.round(v)) })} testId="sections-patience" />
        <NumberField label="Learning rate" value={m.learningRate} step={0.005} onChange={(v) => model({ learningRate: v })} testId="sections-lr" />
        <NumberField label="Max features" value={config.tfidf.maxFeatures ?? 0} min={1} step={500} onChange={(v) => tf({ maxFeatures: Math.round(v) })} testId="sections-max-features" />
        <NumberField label="Min df" value={config.tfidf.minDf} min={1} onChange={(v) => tf({ minDf: Math.round(v) })} testId="sections-min-df" />
        <label>
          <input type="checkbox" checked={m.calibrate} onChange={(e) => model({ calibrate: e.target.checked })} data-testid="sections-calibrate" /> temperature calibration
        </label>
      </div>
    </section>
  );
}
