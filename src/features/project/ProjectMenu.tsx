import { useRef, useState } from 'react';
import { db } from '../../db/db';
import { exportProject, importArchive, type ImportSummary } from '../../db/project-archive';
import { useDatasets } from '../../state/datasets-store';
import { useRegistry } from '../../state/registry-store';
import { useRuns } from '../../state/runs-store';
import { saveFile } from '../export/save-file';
import { errorText, paint, summaryText } from './archive-ui';

/** Every store that mirrors IndexedDB reads it again, so the screen shows what the import wrote. */
async function reloadStores(): Promise<void> {
  await Promise.all([useDatasets.getState().load(), useRuns.getState().load(), useRegistry.getState().load()]);
  const open = useRuns.getState().open;
  if (open) await useRuns.getState().openRun(open.run.id);
  // the labeling store has no reload of its own: it reopens a pool whenever the selected dataset's frame is a new object,
  // so reading the selected dataset again refreshes the labels on screen too (and the frame, if the archive replaced it)
  const { selectedId, select } = useDatasets.getState();
  if (selectedId) await select(selectedId);
}

/** Header controls: the whole project as one zip, and a zip (a project or a run) imported into this browser. */
export function ProjectMenu() {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // a reload of the runs marks every 'running' run interrupted, the one training in this tab included
  const training = useRuns((s) => s.runs.some((r) => r.status === 'running'));

  const step = async (text: string) => {
    setProgress(text);
    await paint();
  };
  const begin = () => {
    setError(null);
    setSummary(null);
  };

  const exportNow = async () => {
    begin();
    try {
      const bytes = await exportProject(db, { onProgress: step });
      saveFile(`kiln-project-${new Date().toISOString().slice(0, 10)}.zip`, bytes, 'application/zip');
    } catch (e) {
      setError(`Export failed: ${errorText(e)}`);
    } finally {
      setProgress(null);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    begin();
    try {
      await step(`Reading ${file.name}…`);
      const s = await importArchive(new Uint8Array(await file.arrayBuffer()), db, { onProgress: step });
      await step('Reloading…');
      await reloadStores();
      setSummary(s);
    } catch (e) {
      setError(`${file.name} was not imported (nothing was changed): ${errorText(e)}`);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="project-menu">
      <button type="button" data-testid="project-export" disabled={progress !== null} onClick={() => void exportNow()}>
        Export project (.zip)
      </button>
      <button
        type="button"
        data-testid="project-import"
        disabled={progress !== null || training}
        title={training ? 'Wait for the training run to finish: an import reloads the runs' : 'Import a Kiln project or run archive'}
        onClick={() => input.current?.click()}
      >
        Import (.zip)
      </button>
      <input ref={input} type="file" hidden accept=".zip,application/zip" data-testid="project-import-input" aria-label="Kiln archive to import" onChange={(e) => void importFile(e.target.files?.[0])} />
      <span role="status" className="muted project-progress" data-testid="project-progress">
        {progress}
      </span>
      {summary && (
        <span
          className="badge project-notice"
          data-testid="project-import-summary"
          data-runs={summary.runs}
          data-datasets={summary.datasets}
          data-labels={summary.labels}
          data-versions={summary.versions}
          data-events={summary.events}
          data-skipped={summary.skipped.length}
          title={summary.skipped.map((x) => `${x.key}: ${x.reason}`).join('\n')}
        >
          {summaryText(summary)}
          {summary.skipped.length > 0 && ` Skipped ${summary.skipped.length}: ${summary.skipped.map((x) => `${x.key} (${x.reason})`).join('; ')}.`}{' '}
          <button type="button" aria-label="Dismiss import summary" onClick={() => setSummary(null)}>
            ×
          </button>
        </span>
      )}
      {error && (
        <span role="alert" className="error-banner project-notice" data-testid="project-error">
          {error}
          <button type="button" aria-label="Dismiss error" onClick={() => setError(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
