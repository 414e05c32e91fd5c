import type { BackendPreference } from '../../ml/backends/tf-backend';
import { ENGINE_PREFERENCES, type EnginePreference } from '../../ml/engine/engine-choice';
import { useSettings } from '../../state/settings-store';
import { useTraining } from '../../state/training-store';
import { useSequence } from '../../state/sequence-store';
import { useRanker } from '../../state/ranker-store';
import { useTabularCv } from '../../state/tabular-cv-store';
import { useTune } from '../../state/tune-store';
import { useRuns } from '../../state/runs-store';
import { IsolationBadge } from '../../pwa/IsolationBadge';

const OPTIONS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function BackendSettings() {
  const backend = useSettings((s) => s.backend);
  const forced = useSettings((s) => s.forcedByUrl);
  const setBackend = useSettings((s) => s.setBackend);
  const engine = useSettings((s) => s.engine);
  const setEngine = useSettings((s) => s.setEngine);
  // the backend of whichever family trains (or last trained) in this tab; after a reload, the newest stored run's
  // (one primitive per selector: the stores change on every batch report, these fields do not)
  const live = [
    { backend: useTraining((s) => s.backend), note: useTraining((s) => s.backendNote) },
    { backend: useSequence((s) => s.backend), note: useSequence((s) => s.backendNote) },
    { backend: useRanker((s) => s.backend), note: useRanker((s) => s.backendNote) },
    { backend: useTabularCv((s) => s.backend), note: useTabularCv((s) => s.backendNote) },
    { backend: useTune((s) => s.backend), note: useTune((s) => s.backendNote) },
  ];
  const inUse = live.find((l) => l.backend !== null);
  const active = inUse?.backend ?? null;
  const last = useRuns((s) => s.runs[0]);
  const lastText = last ? `last run: ${last.backend ?? (last.family === 'gbdt' || last.family === 'matcher' ? 'CPU' : last.status)}` : 'no run yet';
  // why the backend in use is not the first choice ("fell back from webgpu (WebGPU adapter is a software fallback (SwiftShader)…)")
  const note = inUse ? inUse.note : (last?.backendNote ?? null);
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
      <label title="Kiln's engine trains the tabular models, the ranker and the career BiLSTM with its own WebAssembly SIMD kernels (threads when the page is isolated), and the tabular models and the ranker on WebGPU when the webgpu backend is chosen, or when auto measures it faster on a hardware GPU. TF.js trains on the backend above; it also evaluates and saves every model.">
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
