import { useState } from 'react';
import { db } from '../../db/db';
import { exportRun } from '../../db/project-archive';
import type { RunRecord } from '../../db/records';
import { saveFile } from '../export/save-file';
import { errorText, paint, safeName } from './archive-ui';

/** One run as a Kiln archive: its curves, artifacts, dataset(s) and registry entries, importable in another browser. */
export function ExportRunButton({ run }: { run: Pick<RunRecord, 'id' | 'name'> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportNow = async () => {
    setBusy(true);
    setError(null);
    await paint();
    try {
      saveFile(`kiln-run-${safeName(run.name)}.zip`, await exportRun(run.id, db), 'application/zip');
    } catch (e) {
      setError(`Export failed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" data-testid="run-export-zip" disabled={busy} onClick={() => void exportNow()} title="Download this run with its dataset and registry entries as a zip another browser can import">
        {busy ? 'Exporting…' : 'Export run (.zip)'}
      </button>
      {error && (
        <span role="alert" className="note" data-testid="run-export-error">
          {error}
        </span>
      )}
    </>
  );
}
