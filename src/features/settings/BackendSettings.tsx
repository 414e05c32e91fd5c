import type { BackendPreference } from '../../ml/backends/tf-backend';
import { useSettings } from '../../state/settings-store';
import { useTraining } from '../../state/training-store';
import { IsolationBadge } from '../../pwa/IsolationBadge';

const OPTIONS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function BackendSettings() {
  const backend = useSettings((s) => s.backend);
  const forced = useSettings((s) => s.forcedByUrl);
  const setBackend = useSettings((s) => s.setBackend);
  const active = useTraining((s) => s.backend);
  return (
    <div className="backend-settings">
      <label>
        Backend{' '}
        <select data-testid="backend-select" value={backend} onChange={(e) => void setBackend(e.target.value as BackendPreference)} disabled={forced}>
          {OPTIONS.map((o) => (
            <option key={o} value={o}>
              {o === 'auto' ? 'auto (WebGPU first)' : o}
            </option>
          ))}
        </select>
      </label>
      {forced && <span className="muted"> forced by URL</span>}
      <span className="badge" data-testid="active-backend" data-backend={active ?? ''}>
        {active ? `in use: ${active}` : 'no run yet'}
      </span>
      <IsolationBadge />
    </div>
  );
}
