import { useState } from 'react';
import type { ModelVersionRecord } from '../../db/records';
import { diffRows } from '../../ml/registry/diff';

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : typeof v === 'string' ? v : JSON.stringify(v));

/** Two versions side by side: config, metrics, calibration (ECE / Brier before and after). */
export function VersionDiff({ versions }: { versions: ModelVersionRecord[] }) {
  const [a, setA] = useState(versions[1]?.id ?? versions[0]?.id ?? '');
  const [b, setB] = useState(versions[0]?.id ?? '');
  const [onlyDiff, setOnlyDiff] = useState(true);
  const va = versions.find((v) => v.id === a);
  const vb = versions.find((v) => v.id === b);
  const pick = (id: string, set: (s: string) => void, label: string) => (
    <select aria-label={label} data-testid={label === 'first version' ? 'diff-a' : 'diff-b'} value={id} onChange={(e) => set(e.target.value)}>
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {v.id}
        </option>
      ))}
    </select>
  );
  const part = (v: ModelVersionRecord) => ({ config: v.config, metrics: v.metrics, calibration: v.calibration ?? { method: 'none' } });
  const rows = va && vb ? diffRows([part(va), part(vb)], onlyDiff) : [];
  return (
    <div data-testid="version-diff">
      <h3>Diff two versions</h3>
      <div className="train-actions">
        {pick(a, setA, 'first version')} vs {pick(b, setB, 'second version')}
        <label className="check">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> Only differences
        </label>
      </div>
      {va && vb && (
        <table className="metrics">
          <thead>
            <tr>
              <th />
              <th>{va.id}</th>
              <th>{vb.id}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="version-diff-row" data-key={r.key}>
                <td>{r.key}</td>
                <td>{show(r.values[0])}</td>
                <td>{show(r.values[1])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
