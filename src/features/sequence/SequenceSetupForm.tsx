import { useState } from 'react';
import type { DatasetRecord } from '../../db/records';
import { checkSequenceModelConfig } from '../../ml/models/sequence/config';
import type { HistorySource } from '../../ml/models/sequence/histories';
import { formatAbbreviations, parseAbbreviations } from '../../ml/models/sequence/titles';
import { useSequence } from '../../state/sequence-store';
import type { SequenceSetup } from '../../state/sequence-setup';
import { NumberField } from '../train/NumberField';

const toDate = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));
const fromDate = (s: string) => (s ? Date.parse(`${s}T00:00:00Z`) : null);

/** Problems that block training, in words; empty when the setup can run. */
export function sequenceSetupProblems(s: SequenceSetup): string[] {
  const out: string[] = [];
  try {
    checkSequenceModelConfig(s.model);
  } catch (e) {
    out.push((e as Error).message);
  }
  const d = s.data;
  if (d.minPrefix < 1) out.push('the minimum prefix must be at least 1 role');
  if (d.maxPrefix < d.minPrefix) out.push('the maximum prefix is below the minimum');
  if (d.vocab.maxSize < 3) out.push('the vocabulary needs at least 3 entries');
  if (d.cuts.validationFrom !== null && d.cuts.testFrom !== null && d.cuts.testFrom < d.cuts.validationFrom) out.push('the test cut is before the validation cut');
  return out;
}

function ColumnSelect({ label, value, columns, onChange, testId }: { label: string; value: string; columns: string[]; onChange: (v: string) => void; testId: string }) {
  return (
    <label>
      {label}
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Where the histories are, how titles become tokens, how the split cuts, and the network. */
export function SequenceSetupForm({ dataset, setup }: { dataset: DatasetRecord; setup: SequenceSetup }) {
  const update = useSequence((s) => s.update);
  const set = (f: (s: SequenceSetup) => SequenceSetup) => update(dataset.id, f);
  const d = setup.data;
  const m = setup.model;
  const columns = dataset.stats.map((s) => s.name);
  const [abbrText, setAbbrText] = useState(() => formatAbbreviations(d.abbreviations));
  const [abbrErrors, setAbbrErrors] = useState<string[]>([]);
  const setSource = (src: Partial<HistorySource>) => set((s) => ({ ...s, data: { ...s.data, source: { ...s.data.source, ...src } as HistorySource } }));
  const setShape = (shape: HistorySource['shape']) => {
    const first = columns[0] ?? '';
    const source: HistorySource =
      shape === 'json'
        ? { shape, idColumn: d.source.idColumn, historyColumn: d.source.shape === 'json' ? d.source.historyColumn : first }
        : { shape, idColumn: d.source.idColumn, titleColumn: first, startColumn: first, endColumn: first, ...(d.source.shape === 'long' ? d.source : {}) };
    set((s) => ({ ...s, data: { ...s.data, source } }));
  };
  const setModel = <K extends keyof SequenceSetup['model']>(k: K, v: SequenceSetup['model'][K]) => set((s) => ({ ...s, model: { ...s.model, [k]: v } }));

  return (
    <div className="setup-columns" data-testid="sequence-setup">
      <section className="card" aria-label="Sequence data">
        <h2>Work histories</h2>
        <div className="form-grid">
          <label>
            Shape
            <select data-testid="history-shape" value={d.source.shape} onChange={(e) => setShape(e.target.value as HistorySource['shape'])}>
              <option value="json">one row per person, JSON history column</option>
              <option value="long">one row per role (long table)</option>
            </select>
          </label>
          <ColumnSelect label={d.source.shape === 'json' ? 'Person id' : 'Entity id'} value={d.source.idColumn} columns={columns} onChange={(v) => setSource({ idColumn: v })} testId="history-id" />
          {d.source.shape === 'json' ? (
            <ColumnSelect label="History column ([{title, start_date, end_date}, …])" value={d.source.historyColumn} columns={columns} onChange={(v) => setSource({ historyColumn: v })} testId="history-column" />
          ) : (
            <>
              <ColumnSelect label="Title" value={d.source.titleColumn} columns={columns} onChange={(v) => setSource({ titleColumn: v })} testId="history-title" />
              <ColumnSelect label="Start date" value={d.source.startColumn} columns={columns} onChange={(v) => setSource({ startColumn: v })} testId="history-start" />
              <ColumnSelect label="End date" value={d.source.endColumn} columns={columns} onChange={(v) => setSource({ endColumn: v })} testId="history-end" />
            </>
          )}
          <NumberField label="Min prefix (roles)" value={d.minPrefix} min={1} onChange={(v) => set((s) => ({ ...s, data: { ...s.data, minPrefix: Math.trunc(v) } }))} />
          <NumberField label="Max prefix (roles)" value={d.maxPrefix} min={1} testId="max-prefix" onChange={(v) => set((s) => ({ ...s, data: { ...s.data, maxPrefix: Math.trunc(v) } }))} />
          <NumberField label="Hired within (days of the last role's end)" value={d.hireGapDays} min={0} onChange={(v) => set((s) => ({ ...s, data: { ...s.data, hireGapDays: v } }))} />
          <NumberField label="Vocabulary: min frequency" value={d.vocab.minFrequency} min={1} testId="vocab-min-frequency" onChange={(v) => set((s) => ({ ...s, data: { ...s.data, vocab: { ...s.data.vocab, minFrequency: Math.trunc(v) } } }))} />
          <NumberField label="Vocabulary: max size" value={d.vocab.maxSize} min={3} onChange={(v) => set((s) => ({ ...s, data: { ...s.data, vocab: { ...s.data.vocab, maxSize: Math.trunc(v) } } }))} />
          <label>
            Validation from (latest end date; empty = 50th percentile)
            <input type="date" data-testid="cut-validation" value={toDate(d.cuts.validationFrom)} onChange={(e) => set((s) => ({ ...s, data: { ...s.data, cuts: { ...s.data.cuts, validationFrom: fromDate(e.target.value) } } }))} />
          </label>
          <label>
            Test from (empty = 75th percentile)
            <input type="date" data-testid="cut-test" value={toDate(d.cuts.testFrom)} onChange={(e) => set((s) => ({ ...s, data: { ...s.data, cuts: { ...s.data.cuts, testFrom: fromDate(e.target.value) } } }))} />
          </label>
          <label className="wide">
            Abbreviations (one per line, <code>sr = senior</code>), applied word by word after lower-casing and stripping punctuation
            <textarea
              rows={5}
              data-testid="abbreviations"
              value={abbrText}
              onChange={(e) => setAbbrText(e.target.value)}
              onBlur={() => {
                const { map, errors } = parseAbbreviations(abbrText);
                setAbbrErrors(errors);
                if (!errors.length) set((s) => ({ ...s, data: { ...s.data, abbreviations: map } }));
              }}
            />
          </label>
          {abbrErrors.length > 0 && <p className="error-text">{abbrErrors.join('; ')} (the previous list stays in use)</p>}
        </div>
      </section>
      <section className="card" aria-label="Sequence model">
        <h2>Sequence model</h2>
        <div className="form-grid">
          <NumberField label="Embedding size" value={m.embeddingDim} min={1} onChange={(v) => setModel('embeddingDim', Math.trunc(v))} />
          <NumberField label="LSTM hidden size" value={m.hiddenUnits} min={1} testId="seq-hidden" onChange={(v) => setModel('hiddenUnits', Math.trunc(v))} />
          <label>
            Layers
            <select value={m.layers} data-testid="seq-layers" onChange={(e) => setModel('layers', Number(e.target.value))}>
              <option value={1}>1</option>
              <option value={2}>2</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={m.bidirectional} data-testid="seq-bidirectional" onChange={(e) => setModel('bidirectional', e.target.checked)} /> bidirectional
          </label>
          <NumberField label="Dropout" value={m.dropout} step={0.05} min={0} onChange={(v) => setModel('dropout', v)} />
          <NumberField label="Tenure loss weight (w₁)" value={m.lossWeights.tenure} step={0.05} min={0} onChange={(v) => setModel('lossWeights', { ...m.lossWeights, tenure: v })} />
          <NumberField label="Hireability loss weight (w₂)" value={m.lossWeights.hire} step={0.05} min={0} onChange={(v) => setModel('lossWeights', { ...m.lossWeights, hire: v })} />
          <NumberField label="Epochs" value={m.epochs} min={1} testId="seq-epochs" onChange={(v) => setModel('epochs', Math.trunc(v))} />
          <NumberField label="Batch size" value={m.batchSize} min={1} testId="seq-batch-size" onChange={(v) => setModel('batchSize', Math.trunc(v))} />
          <NumberField label="Learning rate (Adam)" value={m.learningRate} step={0.001} min={0} onChange={(v) => setModel('learningRate', v)} />
          <label className="check">
            <input type="checkbox" checked={m.earlyStopping.enabled} onChange={(e) => setModel('earlyStopping', { ...m.earlyStopping, enabled: e.target.checked })} /> early stopping
          </label>
          <NumberField label="Patience (epochs)" value={m.earlyStopping.patience} min={1} onChange={(v) => setModel('earlyStopping', { ...m.earlyStopping, patience: Math.trunc(v) })} />
        </div>
      </section>
    </div>
  );
}
