import { useTeam } from './state/team-store';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { useConnect } from './state/connect-store';
import { useDatasets } from './state/datasets-store';
import { useRuns } from './state/runs-store';
import { useSettings } from './state/settings-store';
import { useRegistry } from './state/registry-store';
import { installTestHook } from './test-hook';
import { restoreSession } from './state/session-restore';
import { FAMILIES } from './features/families/registry';
import { UpdatePrompt } from './pwa/UpdatePrompt';
import { registerServiceWorker } from './pwa/register';

const hook = installTestHook();

async function boot(): Promise<void> {
  // ask the browser not to evict datasets and runs under storage pressure
  void navigator.storage?.persist?.().catch(() => false);
  await Promise.all([useDatasets.getState().load(), useRuns.getState().load(), useSettings.getState().load(), useConnect.getState().load(), useRegistry.getState().load(), useTeam.getState().load()]);
  await restoreSession(FAMILIES.map((f) => f.id));
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
      <UpdatePrompt />
    </StrictMode>,
  );
  requestAnimationFrame(() => {
    hook.ready = true;
  });
  // the offline copy belongs to built sites only: the dev server (and its e2e suite) never has one
  if (import.meta.env.PROD) registerServiceWorker().catch((e: unknown) => console.warn('Kiln: no offline copy:', e));
}

boot().catch((e: unknown) => {
  document.getElementById('root')!.textContent = `Kiln could not open its browser storage: ${e instanceof Error ? e.message : String(e)}`;
});
