import { useState } from 'react';
import type { ExportResult, OnnxCheck } from './build-export';
import { saveFile as save } from './save-file';

const TYPES: Record<string, string> = { 'model.onnx': 'application/octet-stream', 'model-card.md': 'text/markdown', 'metadata.json': 'application/json', 'calibrator.json': 'application/json', 'vocab.json': 'application/json' };

/**
 * Export to ONNX for any family: bundle and single files, then an onnxruntime-web parity check
 * of model.onnx (read back out of the bundle) against the studio's own predictions.
 */
export function ExportView({ build, check: runCheck, checkedOn }: { build: () => Promise<ExportResult>; check: (bundle: Uint8Array) => Promise<OnnxCheck>; checkedOn: string }) {
  const [result, setResult] = useState<ExportResult | null>(null);
  const [check, setCheck] = useState<OnnxCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const exportNow = async () => {
    setBusy(true);
    setError(null);
    setCheck(null);
    try {
      const r = await build();
      setResult(r);
      setCheck(await runCheck(r.bundle));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export" data-testid="export-panel">
      <h3>Export</h3>
      <div className="train-actions">
        <button type="button" className="primary" data-testid="export-onnx" disabled={busy} onClick={() => void exportNow()}>
          {busy ? 'Exporting…' : 'Export ONNX'}
        </button>
        {result && (
          <>
            <button type="button" data-testid="download-bundle" onClick={() => save(`${result.modelId}.zip`, result.bundle, 'application/zip')}>
              Download bundle (.zip)
            </button>
            {Object.entries(result.files).map(([name, data]) => (
              <button key={name} type="button" onClick={() => save(name, data, TYPES[name] ?? 'application/octet-stream')}>
                {name}
              </button>
            ))}
          </>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {check && (
        <p className="muted" data-testid="onnx-check" data-max-abs-diff={check.maxAbsDiff} data-rows={check.rows}>
          onnxruntime-web on {check.rows} {checkedOn}: max |ONNX − Kiln| = {check.maxAbsDiff.toExponential(2)}
          {check.perHead && ` (${Object.entries(check.perHead).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')})`} · {Math.round(check.rowsPerSec).toLocaleString()} rows/s
        </p>
      )}
    </div>
  );
}
