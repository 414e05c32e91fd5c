import { useState } from 'react';
import type { ModelEventRecord, ModelVersionRecord } from '../../db/records';
import { rollbackTarget, STANDARD_ALIASES } from '../../ml/registry/aliases';
import { useRegistry } from '../../state/registry-store';

/** Point an alias at a version (with a note), and roll production back in one action. */
export function AliasControls({ modelType, versions, events }: { modelType: string; versions: ModelVersionRecord[]; events: ModelEventRecord[] }) {
  const move = useRegistry((s) => s.move);
  const rollback = useRegistry((s) => s.rollback);
  const live = versions.filter((v) => !v.archived);
  const [alias, setAlias] = useState('production');
  const [custom, setCustom] = useState('');
  const [to, setTo] = useState(live[0]?.id ?? '');
  const [note, setNote] = useState('');
  const name = alias === '__custom' ? custom.trim() : alias;
  const target = rollbackTarget(
    events,
    modelType,
    'production',
    live.map((v) => v.id),
  );
  const validName = /^[a-z][a-z0-9_-]*$/.test(name);
  return (
    <div className="form-grid" data-testid="alias-controls">
      <label>
        Alias
        <select data-testid="alias-name" value={alias} onChange={(e) => setAlias(e.target.value)}>
          {STANDARD_ALIASES.map((a) => (
            <option key={a}>{a}</option>
          ))}
          <option value="__custom">custom…</option>
        </select>
      </label>
      {alias === '__custom' && (
        <label>
          Custom alias
          <input data-testid="alias-custom" value={custom} onChange={(e) => setCustom(e.target.value)} placeholder="canary" />
        </label>
      )}
      <label>
        Version
        <select data-testid="alias-version" value={to} onChange={(e) => setTo(e.target.value)}>
          {live.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        Note
        <input data-testid="alias-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="why" />
      </label>
      <div className="train-actions">
        <button
          type="button"
          className="primary"
          data-testid="alias-move"
          disabled={!to || !validName}
          title={validName ? '' : 'alias names are lowercase letters, digits, - and _'}
          onClick={() => void move(modelType, name, to, note).then((ok) => ok && setNote(''))}
        >
          Point {name || 'alias'} at {to || '…'}
        </button>
        <button type="button" className="danger" data-testid="rollback-production" disabled={!target} onClick={() => void rollback(modelType, 'production', note || 'rollback')}>
          {target ? `Roll back production to ${target}` : 'Roll back production (no earlier version)'}
        </button>
      </div>
    </div>
  );
}
