import { useEffect, useState } from 'react';
import { ConnectPanel } from './features/connect/ConnectPanel';
import { useConnect } from './state/connect-store';
import { DatasetList } from './features/datasets/DatasetList';
import { DatasetPreview } from './features/datasets/DatasetPreview';
import { DropZone } from './features/datasets/DropZone';
import { RunView } from './features/runs/RunView';
import { RunsList } from './features/runs/RunsList';
import { BackendSettings } from './features/settings/BackendSettings';
import { ProjectMenu } from './features/project/ProjectMenu';
import { useDatasets } from './state/datasets-store';
import { useRuns } from './state/runs-store';
import { useFamilyChoice } from './state/family-choice';
import { FamilySwitch } from './features/families/FamilySwitch';
import { CapabilityNotes } from './features/families/CapabilityNotes';
import { DEFAULT_FAMILY, FAMILIES, familyById } from './features/families/registry';
import { ComparePanel } from './features/compare/ComparePanel';
import { RegistryScreen } from './features/team/RegistryScreen';
import { StudiesScreen } from './features/team/StudiesScreen';
import { SkillsScreen } from './features/skills/SkillsScreen';
import { useNav, type Screen } from './state/nav-store';

/** Studio, run comparison, the model registry, the team's studies and skills extraction: one tab each, keyboard reachable. */
function TopNav() {
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  const pinned = useRuns((s) => s.pinned.length);
  const tab = (id: Screen, label: string) => (
    <button type="button" role="tab" aria-selected={screen === id} className={screen === id ? 'primary' : ''} data-testid={`nav-${id}`} onClick={() => go(id)}>
      {label}
    </button>
  );
  return (
    <nav className="top-nav" role="tablist" aria-label="Screens">
      {tab('studio', 'Studio')}
      {tab('compare', `Compare${pinned ? ` (${pinned})` : ''}`)}
      {tab('registry', 'Registry')}
      {tab('studies', 'Studies')}
      {tab('skills', 'Skills')}
    </nav>
  );
}

function Workspace() {
  const [connectOpen, setConnectOpen] = useState(() => useConnect.getState().token !== '');
  const dataset = useDatasets((s) => s.datasets.find((d) => d.id === s.selectedId));
  const frame = useDatasets((s) => s.frame);
  const family = useFamilyChoice((s) => (dataset ? familyById(s.chosen[dataset.id]) : undefined)) ?? DEFAULT_FAMILY;
  useEffect(() => {
    if (dataset) for (const f of FAMILIES) f.prepare?.(dataset);
  }, [dataset]);
  const Family = family.Workspace;
  return (
    <>
      <DropZone />
      <details className="card connect-toggle" open={connectOpen} onToggle={(e) => setConnectOpen((e.target as HTMLDetailsElement).open)}>
        <summary data-testid="connect-toggle">Connect to a database (export proxy)</summary>
        {connectOpen && <ConnectPanel />}
      </details>
      {dataset && <DatasetPreview dataset={dataset} frame={frame} />}
      {dataset && <FamilySwitch dataset={dataset} />}
      {dataset && <Family key={dataset.id} dataset={dataset} frame={frame} />}
      {dataset && <CapabilityNotes family={family} />}
    </>
  );
}

export function App() {
  const error = useDatasets((s) => s.error);
  const dismiss = useDatasets((s) => s.dismissError);
  const openRun = useRuns((s) => s.open);
  const screen = useNav((s) => s.screen);
  return (
    <div className="app">
      <header>
        <h1>
          Kiln <span className="muted">browser ML studio</span>
        </h1>
        <TopNav />
        <div className="header-actions"><ProjectMenu /><BackendSettings /></div>
      </header>
      <aside>
        <DatasetList />
        <RunsList />
      </aside>
      <main>
        {error && (
          <div className="error-banner" role="alert" data-testid="error-banner">
            <span>{error}</span>
            <button type="button" onClick={dismiss} aria-label="Dismiss error">
              ×
            </button>
          </div>
        )}
        {screen === 'compare' ? <ComparePanel /> : screen === 'registry' ? <RegistryScreen /> : screen === 'studies' ? <StudiesScreen /> : screen === 'skills' ? <SkillsScreen /> : openRun ? <RunView /> : <Workspace />}
      </main>
    </div>
  );
}
