import { useRef, useState } from 'react';
import { useDatasets } from '../../state/datasets-store';

const SAMPLES = [
  { file: 'breast_cancer.csv', label: 'Breast cancer', hint: 'binary · 569 rows' },
  { file: 'wine.csv', label: 'Wine', hint: 'multiclass · 178 rows' },
  { file: 'digits.csv', label: 'Digits', hint: '10 classes · 1,797 rows' },
  { file: 'diabetes.csv', label: 'Diabetes', hint: 'regression · 442 rows' },
  { file: 'projects.csv', label: 'Projects', hint: 'item pool for pairwise labeling · 40 items, 8-dim embedding' },
  { file: 'essays.csv', label: 'Essays', hint: 'ordinal grades F–A · 800 rows, 49 features, 384-dim embedding, prompt_id groups' },
];

export function DropZone() {
  const importFile = useDatasets((s) => s.importFile);
  const importSample = useDatasets((s) => s.importSample);
  const importing = useDatasets((s) => s.importing);
  const cancelImport = useDatasets((s) => s.cancelImport);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const handleFiles = async (files: FileList | null) => {
    if (!files) return;
    for (const f of Array.from(files)) await importFile(f);
  };

  return (
    <section className="card">
      <div
        className={`dropzone${over ? ' over' : ''}`}
        data-testid="dropzone"
        role="button"
        tabIndex={0}
        aria-label="Drop a CSV, TSV, JSONL or Parquet file, or press Enter to choose one"
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void handleFiles(e.dataTransfer.files);
        }}
      >
        <strong>Drop a dataset here</strong>
        <span className="muted">CSV, TSV, JSONL or Parquet · parsed in a worker, stored in this browser</span>
        <input ref={input} type="file" hidden accept=".csv,.tsv,.tab,.jsonl,.ndjson,.parquet,.pq" data-testid="file-input" onChange={(e) => void handleFiles(e.target.files)} />
      </div>
      {importing && (
        <div className="progress-row" data-testid="import-progress">
          <span>
            Importing {importing.fileName} · {importing.rows.toLocaleString()} rows
            {importing.bytes !== undefined ? ` · ${(importing.bytes / 1e6).toFixed(1)} MB` : ''}{' '}
            <button type="button" data-testid="cancel-import" onClick={cancelImport}>
              Cancel
            </button>
          </span>
          <progress max={1} value={importing.fraction || undefined} />
        </div>
      )}
      <div className="samples">
        <span className="muted">Or try a sample:</span>
        {SAMPLES.map((s) => (
          <button key={s.file} type="button" disabled={!!importing} onClick={() => void importSample(s.file)} data-testid={`sample-${s.file}`} title={s.hint}>
            {s.label} <span className="muted">({s.hint})</span>
          </button>
        ))}
      </div>
    </section>
  );
}
