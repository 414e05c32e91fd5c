import type { Activation, TabularConfig } from '../../ml/models/tabular/config';
import { NumberField } from '../train/NumberField';

const ACTIVATIONS: Activation[] = ['relu', 'tanh', 'elu', 'selu', 'sigmoid'];

export function ModelSettings({ model, onChange }: { model: TabularConfig; onChange: (m: TabularConfig) => void }) {
  const set = <K extends keyof TabularConfig>(k: K, v: TabularConfig[K]) => onChange({ ...model, [k]: v });
  return (
    <section className="card" aria-label="Model">
      <h2>Model</h2>
      <div className="form-grid">
        <label>
          Architecture
          <select data-testid="architecture" value={model.architecture} onChange={(e) => set('architecture', e.target.value as TabularConfig['architecture'])}>
            <option value="mlp">MLP</option>
            <option value="linear">logistic / linear</option>
          </select>
        </label>
        {model.architecture === 'mlp' && (
          <>
            <label>
              Hidden units (comma-separated layers)
              <input
                data-testid="hidden-units"
                defaultValue={model.hiddenUnits.join(', ')}
                onBlur={(e) => set('hiddenUnits', e.target.value.split(',').map((x) => parseInt(x.trim(), 10)).filter((x) => x > 0))}
              />
            </label>
            <label>
              Activation
              <select value={model.activation} onChange={(e) => set('activation', e.target.value as Activation)}>
                {ACTIVATIONS.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
            <NumberField label="Dropout" value={model.dropout} step={0.05} min={0} onChange={(v) => set('dropout', v)} testId="dropout" />
          </>
        )}
        <NumberField label="L2" value={model.l2} step={0.0001} min={0} onChange={(v) => set('l2', v)} />
        <NumberField label="Learning rate (Adam)" value={model.learningRate} step={0.001} min={0} onChange={(v) => set('learningRate', v)} testId="learning-rate" />
        <NumberField label="Batch size" value={model.batchSize} min={1} onChange={(v) => set('batchSize', Math.trunc(v))} testId="batch-size" />
        <NumberField label="Epochs" value={model.epochs} min={1} onChange={(v) => set('epochs', Math.trunc(v))} testId="epochs" />
        <label className="check">
          <input type="checkbox" data-testid="early-stopping" checked={model.earlyStopping.enabled} onChange={(e) => set('earlyStopping', { ...model.earlyStopping, enabled: e.target.checked })} />
          Early stopping on validation loss
        </label>
        {model.earlyStopping.enabled && (
          <>
            <NumberField label="Patience (epochs)" value={model.earlyStopping.patience} min={1} onChange={(v) => set('earlyStopping', { ...model.earlyStopping, patience: Math.trunc(v) })} />
            <label className="check">
              <input type="checkbox" checked={model.earlyStopping.restoreBestWeights} onChange={(e) => set('earlyStopping', { ...model.earlyStopping, restoreBestWeights: e.target.checked })} />
              Restore best weights
            </label>
          </>
        )}
        <NumberField label="Seed" value={model.seed} onChange={(v) => set('seed', Math.trunc(v))} testId="seed" />
        <NumberField label="Checkpoint every N epochs (0: none)" value={model.checkpointEvery ?? 0} min={0} onChange={(v) => set('checkpointEvery', Math.trunc(v))} testId="checkpoint-every" />
      </div>
    </section>
  );
}
