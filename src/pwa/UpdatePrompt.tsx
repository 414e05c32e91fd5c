import './pwa.css';
import { useSyncExternalStore } from 'react';
import { applyUpdate, pwaState, subscribePwa } from './register';

/** "A new version of Kiln is ready — Reload": shown while a new service worker waits; reloads only on the click. */
export function UpdatePrompt() {
  const { updateReady } = useSyncExternalStore(subscribePwa, pwaState);
  if (!updateReady) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>A new version of Kiln is ready.</span>{' '}
      <button type="button" className="primary" onClick={applyUpdate} data-testid="update-reload">
        Reload
      </button>
    </div>
  );
}
