import { useEffect, useRef, useState, type FormEvent } from 'react';
import { feedRule, parseFeed } from '../../ml/onnx/input-feeds';
import type { TryOutcome, TryRowModel, TryValues } from './try-row';

const MAX_CHOICES = 500;
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

function OutcomeView({ title, o, testId }: { title: string; o: TryOutcome; testId: string }) {
  return (
    <div className="try-outcome" data-testid={testId} data-text={o.text} data-value={o.value}>
      <h4>{title}</h4>
      <p>
        <strong>{o.text}</strong>
        {o.probabilities && ` (${pct(o.value)})`}
      </p>
      {o.probabilities && (
        <p className="muted">
          {o.probabilities.map((c) => `${c.label} ${pct(c.p)}`).join(' · ')}
          {o.calibrated && ` · calibrated: ${o.calibrated.map((c) => `${c.label} ${pct(c.p)}`).join(' · ')}`}
        </p>
      )}
    </div>
  );
}

/**
 * "Try a row": pick a held-out row, edit its feature values, and see what the exported model
 * (model.onnx in onnxruntime-web, as a service would run it) and the studio predict for it.
 * `pick` (a frame row from the predictions table) prefills the form.
 */
export function TryRow({ load, pick }: { load: () => Promise<TryRowModel>; pick: { index: number } | null }) {
  const [model, setModel] = useState<TryRowModel | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [row, setRow] = useState<number | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ onnx: TryOutcome; studio: TryOutcome } | null>(null);
  const modelRef = useRef<TryRowModel | null>(null);

  useEffect(
    () => () => {
      void modelRef.current?.close();
    },
    [],
  );

  const choose = (m: TryRowModel, index: number) => {
    setRow(index);
    setTexts(m.prefill(index));
    setResult(null);
    setError(null);
  };

  const open = async (first: number | null) => {
    setBusy(true);
    setError(null);
    try {
      const m = modelRef.current ?? (await load());
      modelRef.current = m;
      setModel(m);
      const start = first !== null && m.candidates.some((c) => c.index === first) ? first : m.candidates[0]?.index;
      if (start !== undefined) choose(m, start);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (pick === null) return;
    if (modelRef.current) {
      if (modelRef.current.candidates.some((c) => c.index === pick.index)) choose(modelRef.current, pick.index);
      else setError(`row ${pick.index + 1} has no stored feature values to start from`);
    } else void open(pick.index);
    // open/choose only read refs and setters; re-run when the picked row changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pick]);

  const predict = async (e: FormEvent) => {
    e.preventDefault();
    if (!model) return;
    const values: TryValues = {};
    const problems: string[] = [];
    for (const f of model.fields) {
      const r = parseFeed(f.key, f.kind, texts[f.key] ?? '');
      if ('error' in r) problems.push(r.error);
      else values[f.key] = r.value;
    }
    if (problems.length) {
      setError(problems.join('; '));
      setResult(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const onnx = await model.runOnnx(values);
      setResult({ onnx, studio: model.runStudio(values) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="try-row" data-testid="try-row">
      <h3>Try a row</h3>
      {!model && (
        <div className="train-actions">
          <button type="button" data-testid="try-row-open" disabled={busy} onClick={() => void open(null)}>
            {busy ? 'Building the export…' : 'Try a row with the exported model'}
          </button>
          <span className="muted">Runs model.onnx from the export bundle in onnxruntime-web, beside the studio's own prediction.</span>
        </div>
      )}
      {model && (
        <form onSubmit={(e) => void predict(e)} data-testid="try-row-form">
          <label>
            Start from held-out row{' '}
            <select data-testid="try-row-select" value={row ?? ''} onChange={(e) => choose(model, Number(e.target.value))}>
              {model.candidates.slice(0, MAX_CHOICES).map((c) => (
                <option key={`${c.split}:${c.index}`} value={c.index}>
                  {c.split} · row {c.index + 1}
                </option>
              ))}
              {row !== null && !model.candidates.slice(0, MAX_CHOICES).some((c) => c.index === row) && <option value={row}>row {row + 1}</option>}
            </select>
          </label>
          {model.candidates.length > MAX_CHOICES && <span className="muted"> (first {MAX_CHOICES} listed; use "try" in the predictions table for any other)</span>}
          {model.note && <p className="muted">{model.note}</p>}
          <div className="try-fields">
            {model.fields.map((f) => (
              <label key={f.key} title={feedRule(f.kind)}>
                <span>
                  {f.key} <span className="muted">({f.kind === 'datetime' ? 'date, fed as epoch ms' : f.kind})</span>
                </span>
                <input data-testid={`try-field-${f.key}`} data-kind={f.kind} value={texts[f.key] ?? ''} list={f.categories ? `try-cats-${f.key}` : undefined} onChange={(e) => setTexts((t) => ({ ...t, [f.key]: e.target.value }))} />
                {f.categories && (
                  <datalist id={`try-cats-${f.key}`}>
                    {f.categories.map((c) => (
                      <option key={c} value={c} />
                    ))}
                  </datalist>
                )}
              </label>
            ))}
          </div>
          <div className="train-actions">
            <button type="submit" className="primary" data-testid="try-row-predict" disabled={busy}>
              {busy ? 'Predicting…' : 'Predict'}
            </button>
            {row !== null && (
              <button type="button" onClick={() => choose(model, row)}>
                Reset to row {row + 1}
              </button>
            )}
          </div>
        </form>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="try-row-error">
          {error}
        </p>
      )}
      {result && (
        <div className="charts" data-testid="try-row-result" data-diff={Math.abs(result.onnx.value - result.studio.value)}>
          <OutcomeView title="Exported model (onnxruntime-web)" o={result.onnx} testId="try-onnx" />
          <OutcomeView title="Studio's own prediction" o={result.studio} testId="try-studio" />
        </div>
      )}
    </div>
  );
}
