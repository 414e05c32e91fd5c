import { useRef } from 'react';
import { useLabeling } from '../../../state/ranker-labeling-store';
import { saveFile } from '../../export/save-file';

/** Labels in and out as JSONL, the format our users already keep; a bad line is named, the good ones import. */
export function LabelsFile() {
  const s = useLabeling();
  const input = useRef<HTMLInputElement>(null);
  const r = s.importReport;
  const name = s.datasetName.replace(/\.[^.]+$/, '');
  return (
    <section className="card" aria-label="Labels file" data-testid="labels-file">
      <div className="train-actions">
        <button type="button" onClick={() => input.current?.click()} data-testid="import-labels">
          Import labels (.jsonl)
        </button>
        <input
          ref={input}
          type="file"
          accept=".jsonl,.ndjson,application/x-ndjson"
          hidden
          data-testid="import-labels-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void f.text().then((t) => s.importJsonl(t, f.name));
          }}
        />
        <button type="button" disabled={s.labels.length === 0} onClick={() => saveFile(`${name}-labels.jsonl`, s.exportJsonl(), 'application/x-ndjson')} data-testid="export-labels">
          Export labels (.jsonl)
        </button>
        <button type="button" disabled={s.labels.length === 0} onClick={() => window.confirm(`Delete all ${s.labels.length} labels of this pool? Export them first if you may want them back.`) && void s.clearAll()} data-testid="clear-labels">
          Delete all labels…
        </button>
      </div>
      {s.error && (
        <p className="error-text" role="alert">
          {s.error}
        </p>
      )}
      {r && (
        <div className={r.errors.length || r.unknownItems.length ? 'note' : 'muted'} data-testid="import-report" data-imported={r.imported} data-bad-lines={r.errors.map((e) => e.line).join(',')}>
          <p>
            {r.fileName}: imported {r.imported} label{r.imported === 1 ? '' : 's'}
            {r.duplicates ? `, ${r.duplicates} already here` : ''}
            {r.errors.length ? `, ${r.errors.length} bad line${r.errors.length === 1 ? '' : 's'}` : ''}
            {r.unknownItems.length ? `, ${r.unknownItems.length} naming items not in this pool` : ''}.
            <button type="button" className="link" onClick={s.dismiss}>
              dismiss
            </button>
          </p>
          <ul>
            {[...r.errors, ...r.unknownItems]
              .sort((x, y) => x.line - y.line)
              .slice(0, 20)
              .map((e) => (
                <li key={e.line}>
                  line {e.line}: {e.message}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
