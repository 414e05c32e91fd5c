import { useState } from 'react';
import { useTeam } from '../../state/team-store';
import { RegistryPanel } from '../registry/RegistryPanel';
import { TeamRegistryPanel } from './TeamRegistryPanel';
import { TeamStatus } from './TeamStatus';

/** The registry page: the team server's registry when one is connected (the default then), this browser's own otherwise. */
export function RegistryScreen() {
  const ready = useTeam((s) => s.status === 'ready');
  const [where, setWhere] = useState<'team' | 'local'>('team');
  if (!ready) return <RegistryPanel />;
  return (
    <section className="card" aria-label="Model registry" data-testid="registry-panel" data-where={where}>
      <h2>Model registry</h2>
      <TeamStatus />
      <div className="train-actions" role="tablist" aria-label="Which registry">
        <button type="button" role="tab" aria-selected={where === 'team'} className={where === 'team' ? 'primary' : ''} data-testid="registry-where-team" onClick={() => setWhere('team')}>
          Team server
        </button>
        <button type="button" role="tab" aria-selected={where === 'local'} className={where === 'local' ? 'primary' : ''} data-testid="registry-where-local" onClick={() => setWhere('local')}>
          This browser
        </button>
      </div>
      {where === 'team' ? <TeamRegistryPanel /> : <RegistryPanel embedded />}
    </section>
  );
}
