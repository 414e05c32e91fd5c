import { useEffect, useState } from 'react';
import { loadFrame } from '../../db/datasets-repo';
import type { Frame } from '../../ml/data/frame';
import { STRATEGIES, type Strategy } from '../../ml/skills/extract';
import { useDatasets } from '../../state/datasets-store';
import { looksLikeGold, useSkillsExtraction } from '../../state/skills-extraction-store';
import { useSkills } from '../../state/skills-store';
import { DocumentView } from './DocumentView';
import { RunChanges } from './SkillRunsPanel';

const f3 = (v: number) => v.toFixed(3);

function Metrics() {
  const report = useSkillsExtraction((s) => s.report);
  if (!report) return null;
  const rows = [
    ['micro', report.precision_micro, report.recall_micro, report.f1_micro],
    ['macro (per skill)', report.precision_macro, report.recall_macro, report.f1_macro],
    ['samples (per document)', report.precision_samples, report.recall_samples, report.f1_samples],
  ] as const;
  return (
    <>
      <table className="compact" data-testid="skills-metrics">
        <thead>
          <tr>
            <th>Average</th>
            <th>Precision</th>
            <th>Recall</th>
            <th>F1</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, p, r, f], i) => {
            const key = ['micro', 'macro', 'samples'][i];
            return (
              <tr key={name}>
                <td>{name}</td>
                <td data-metric={`precision_${key}`} data-value={p}>{f3(p)}</td>
                <td data-metric={`recall_${key}`} data-value={r}>{f3(r)}</td>
                <td data-metric={`f1_${key}`} data-value={f}>{f3(f)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>Per skill ({report.perLabel.length})</summary>
        <div className="table-scroll">
          <table className="compact" data-testid="skills-per-label">
            <thead>
              <tr>
                <th>Skill</th>
                <th>Support</th>
                <th>Predicted</th>
                <th>Precision</th>
                <th>Recall</th>
                <th>F1</th>
              </tr>
            </thead>
            <tbody>
              {[...report.perLabel].sort((a, b) => a.f1 - b.f1 || b.support - a.support).map((l) => (
                <tr key={l.label} data-testid="skill-label-row" data-skill={l.label}>
                  <td>{l.label}</td>
                  <td>{l.support}</td>
                  <td>{l.predicted}</td>
                  <td>{f3(l.precision)}</td>
                  <td>{f3(l.recall)}</td>
                  <td>{f3(l.f1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

/** Pick a dataset and its text column (and a gold column of JSON arrays, to score), run the dictionary over it, read the results. */
export function ExtractionPanel() {
  const datasets = useDatasets((s) => s.datasets);
  const selectedDataset = useDatasets((s) => s.selectedId);
  const dict = useSkills((s) => s.dictionaries.find((d) => d.id === s.selectedId) ?? null);
  const x = useSkillsExtraction();
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [frame, setFrame] = useState<{ id: string; frame: Frame } | null>(null);
  const [column, setColumn] = useState('');
  const [gold, setGold] = useState('');
  const [strategies, setStrategies] = useState<Strategy[]>([...STRATEGIES]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const chosen = datasetId ?? selectedDataset ?? datasets[0]?.id ?? null;
  const dataset = datasets.find((d) => d.id === chosen) ?? null;

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    loadFrame(chosen)
      .then((f) => {
        if (!live) return;
        setFrame({ id: chosen, frame: f });
        setLoadError(null);
        const text = f.columns.filter((c) => c.dtype === 'text' || c.dtype === 'categorical').filter((c) => !looksLikeGold(c));
        setColumn(text.find((c) => c.dtype === 'text')?.name ?? text[0]?.name ?? '');
        setGold(f.columns.find(looksLikeGold)?.name ?? '');
      })
      .catch((e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [chosen]);

  const cols = frame?.id === chosen ? frame.frame.columns : [];
  const canRun = !!dict && !!dataset && frame?.id === chosen && column !== '' && strategies.length > 0 && x.phase !== 'running';
  const run = () => {
    if (!canRun || !frame || !dataset || !dict) return;
    void x.run({ frame: frame.frame, datasetId: dataset.id, datasetName: dataset.name, column, goldColumn: gold || null, dictionaryId: dict.id, dictionary: { name: dict.name, skills: dict.skills }, version: dict.version, strategies });
  };
  return (
    <section className="card" data-testid="extraction" data-phase={x.phase} data-done={x.done} data-total={x.total}>
      <h2>Extract skills</h2>
      {datasets.length === 0 ? (
        <p className="note">Add a dataset with a text column (Studio tab) to run the dictionary over it.</p>
      ) : (
        <p>
          <label>
            Dataset{' '}
            <select data-testid="extract-dataset" value={chosen ?? ''} onChange={(e) => setDatasetId(e.target.value)}>
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.rowCount} rows)
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Text column{' '}
            <select data-testid="extract-column" value={column} onChange={(e) => setColumn(e.target.value)}>
              {cols.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Gold skills (JSON arrays){' '}
            <select data-testid="extract-gold" value={gold} onChange={(e) => setGold(e.target.value)}>
              <option value="">none</option>
              {cols.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </p>
      )}
      <p>
        Strategies:{' '}
        {STRATEGIES.map((s) => (
          <label key={s} className="inline">
            <input type="checkbox" data-testid={`strategy-${s}`} checked={strategies.includes(s)} onChange={(e) => setStrategies((cur) => STRATEGIES.filter((t) => (t === s ? e.target.checked : cur.includes(t))))} /> {s}
          </label>
        ))}{' '}
        <button type="button" className="primary" data-testid="extract-run" disabled={!canRun} onClick={run}>
          Run extraction
        </button>
        {x.phase === 'running' && (
          <>
            {' '}
            <progress data-testid="extract-progress" max={x.total} value={x.done} /> {x.done} / {x.total}{' '}
            <button type="button" onClick={x.cancel}>
              Stop
            </button>
          </>
        )}
      </p>
      {!dict && <p className="note">Choose or create a dictionary first.</p>}
      {loadError && <p className="error-text">{loadError}</p>}
      {x.error && (
        <p className="error-text" role="alert" data-testid="extract-error">
          {x.error}
        </p>
      )}
      {x.phase === 'done' && x.request && (
        <>
          <p className="muted" data-testid="extract-summary" data-run-id={x.request.runId ?? ''}>
            {new Date(x.request.createdAt).toLocaleString()} · {x.request.datasetName} · {x.request.column} · dictionary {x.request.version} · {x.request.strategies.join(', ')} · {x.hits.reduce((a, h) => a + h.length, 0)} skills found in {x.hits.length} rows
          </p>
          <RunChanges request={x.request} />
          {x.textsNote && (
            <p className="note" data-testid="extract-texts-note">
              {x.textsNote}
            </p>
          )}
          <Metrics />
          <DocumentView key={x.request.createdAt} texts={x.texts} hits={x.hits} perDocument={x.report?.perDocument ?? null} />
        </>
      )}
    </section>
  );
}
