import type { BackendPreference } from '../../ml/backends/tf-backend';
import { ENGINE_PREFERENCES, type EnginePreference } from '../../ml/engine/engine-choice';
import { useSettings } from '../../state/settings-store';
import { useRuns } from '../../state/runs-store';
import { IsolationBadge } from '../../pwa/IsolationBadge';
import { useActiveBackend } from '../families/live';
import { FAMILIES, familyOfRun } from '../families/registry';

const OPTIONS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** "a, b and c" */
const list = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const onEngine = FAMILIES.flatMap((f) => (f.kilnEngine ? [f.kilnEngine] : []));
const ENGINE_HELP = `Kiln's engine trains ${list(onEngine.map((e) => e.models))} with its own WebAssembly SIMD kernels (threads when the page is isolated), and ${list(onEngine.filter((e) => e.webgpu).map((e) => e.models))} on WebGPU when the webgpu backend is chosen, or when auto measures it faster on a hardware GPU. TF.js trains on the backend above; it also evaluates and saves every model.`;

export function BackendSettings() {
  const backend = useSettings((s) => s.backend);
  const forced = useSettings((s) => s.forcedByUrl);
  const setBackend = useSettings((s) => s.setBackend);
  const engine = useSettings((s) => s.engine);
  const setEngine = useSettings((s) => s.setEngine);
  // the backend of whichever family trains (or last trained) in this tab; after a reload, the newest stored run's
  // (a run of a family that never trains on TF.js names the family's own, e.g. CPU)
  const { backend: active, note: activeNote } = useActiveBackend();
  const last = useRuns((s) => s.runs[0]);
  const lastText = last ? `last run: ${last.backend ?? (last.family === 'search' ? undefined : familyOfRun(last)?.fixedBackend) ?? last.status}` : 'no run yet';
  // why the backend in use is not the first choice ("fell back from webgpu (WebGPU adapter is a software fallback (SwiftShader)…)")
  const note = active ? activeNote : (last?.backendNote ?? null);
  return (
    <div className="backend-settings">
      <label>
        Backend{' '}
        <select data-testid="backend-select" value={backend} onChange={(e) => void setBackend(e.target.value as BackendPreference)} disabled={forced}>
          {OPTIONS.map((o) => (
            <option key={o} value={o}>
              {o === 'auto' ? 'auto (hardware GPU first, else wasm)' : o}
            </option>
          ))}
        </select>
      </label>
      {forced && <span className="muted"> forced by URL</span>}
      <label title={ENGINE_HELP}>
        Engine{' '}
        <select data-testid="engine-select" value={engine} onChange={(e) => void setEngine(e.target.value as EnginePreference)}>
          {ENGINE_PREFERENCES.map((o) => (
            <option key={o} value={o}>
              {o === 'auto' ? "auto (Kiln's engine; on a hardware GPU it measures CPU vs WebGPU)" : o === 'kiln' ? "Kiln's engine" : 'TF.js'}
            </option>
          ))}
        </select>
      </label>
      <span className="badge" data-testid="active-backend" data-backend={active ?? ''} title={note ? `Backend: ${note}` : undefined}>
        {active ? `in use: ${active}` : lastText}
      </span>
      <IsolationBadge />
    </div>
  );
}
