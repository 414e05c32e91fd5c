import { useState } from 'react';
import type { RunRecord } from '../../db/records';
import { saveFile } from '../export/save-file';
import { useConnect } from '../../state/connect-store';
import { cliCommand, recipeFileName, runRecipe } from './run-recipe';

/** "Download recipe" and "Copy as CLI command": the run, rerun headless by `kiln train` (what it cannot rerun, it says). */
export function RecipeButtons({ run }: { run: RunRecord }) {
  const [command, setCommand] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const server = useConnect((s) => s.url);
  const finished = run.status !== 'running';
  if (run.family === 'search' || !finished) return null;
  const act = (what: 'download' | 'copy') => async () => {
    setError(null);
    try {
      const recipe = await runRecipe(run);
      const file = recipeFileName(run);
      if (what === 'download') saveFile(file, `${JSON.stringify(recipe, null, 2)}\n`, 'application/json');
      else {
        const cmd = cliCommand(recipe, file, server || undefined);
        setCommand(cmd);
        // the clipboard needs a secure context and focus; the command is shown below either way
        await navigator.clipboard?.writeText(cmd).catch(() => undefined);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="recipe-actions" data-testid="recipe-actions">
      <button type="button" data-testid="download-recipe" onClick={act('download')}>
        Download recipe
      </button>
      <button type="button" data-testid="copy-cli" onClick={act('copy')}>
        Copy as CLI command
      </button>
      {command && (
        <code className="cli-command" data-testid="cli-command">
          {command}
        </code>
      )}
      {error && (
        <p className="error" role="alert" data-testid="recipe-error">
          {error}
        </p>
      )}
    </div>
  );
}
