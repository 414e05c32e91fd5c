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
import { ModelSettings } from './features/train/ModelSettings';
import { TaskSetup } from './features/train/TaskSetup';
import { TrainPanel } from './features/train/TrainPanel';
import { CrossValidationPanel } from './features/train/CrossValidationPanel';
import { TunePanel } from './features/tune/TunePanel';
import { useDatasets } from './state/datasets-store';
import { useRuns } from './state/runs-store';
import { useSetup } from './state/setup-store';
import { useSequence } from './state/sequence-store';
import { SequenceSetupForm } from './features/sequence/SequenceSetupForm';
import { SequenceTrainPanel } from './features/sequence/SequenceTrainPanel';
import { FamilySwitch } from './features/sequence/FamilySwitch';
import { PairwiseWorkspace } from './features/labeling/PairwiseWorkspace';
import { GbdtWorkspace } from './features/gbdt/GbdtWorkspace';
import { MatcherWorkspace } from './features/matcher/MatcherWorkspace';
import { ComparePanel } from './features/compare/ComparePanel';
import { RegistryPanel } from './features/registry/RegistryPanel';
import { useNav } from './state/nav-store';

/** Studio, run comparison and the model registry: one tab each, keyboard reachable. */
function TopNav() {
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  const pinned = useRuns((s) => s.pinned.length);
  const tab = (id: 'studio' | 'compare' | 'registry', label: string) => (
    <button type="button" role="tab" aria-selected={screen === id} className={screen === id ? 'primary' : ''} data-testid={`nav-${id}`} onClick={() => go(id)}>
      {label}
    </button>
  );
  return (
    <nav className="top-nav" role="tablist" aria-label="Screens">
      {tab('studio', 'Studio')}
      {tab('compare', `Compare${pinned ? ` (${pinned})` : ''}`)}
      {tab('registry', 'Registry')}
    </nav>
  );
}

function Workspace() {
  const [connectOpen, setConnectOpen] = useState(() => useConnect.getState().token !== '');
  const dataset = useDatasets((s) => s.datasets.find((d) => d.id === s.selectedId));
  const frame = useDatasets((s) => s.frame);
  const setup = useSetup((s) => (dataset ? s.byDataset[dataset.id] : undefined));
  const ensure = useSetup((s) => s.ensure);
  const update = useSetup((s) => s.update);
  const family = useSequence((s) => (dataset ? (s.family[dataset.id] ?? 'tabular') : 'tabular'));
  const seqSetup = useSequence((s) => (dataset ? s.setups[dataset.id] : undefined));
  const ensureSeq = useSequence((s) => s.ensure);
  useEffect(() => {
    if (dataset) {
      ensure(dataset.id, dataset.stats);
      ensureSeq(dataset.id, dataset.stats);
    }
  }, [dataset, ensure, ensureSeq]);
  return (
    <>
      <DropZone />
      <details className="card connect-toggle" open={connectOpen} onToggle={(e) => setConnectOpen((e.target as HTMLDetailsElement).open)}>
        <summary data-testid="connect-toggle">Connect to a database (export proxy)</summary>
        {connectOpen && <ConnectPanel />}
      </details>
      {dataset && <DatasetPreview dataset={dataset} frame={frame} />}
      {dataset && <FamilySwitch datasetId={dataset.id} available={!!seqSetup} />}
      {dataset && setup && family === 'tabular' && (
        <div className="setup-columns">
          <TaskSetup dataset={dataset} setup={setup} />
          <ModelSettings model={setup.model} onChange={(model) => update(dataset.id, (s) => ({ ...s, model }))} />
        </div>
      )}
      {dataset && setup && family === 'tabular' && <TrainPanel dataset={dataset} setup={setup} />}
      {dataset && setup && family === 'tabular' && <CrossValidationPanel dataset={dataset} setup={setup} />}
      {dataset && setup && family === 'tabular' && <TunePanel dataset={dataset} setup={setup} />}
      {dataset && seqSetup && family === 'sequence' && <SequenceSetupForm key={dataset.id} dataset={dataset} setup={seqSetup} />}
      {dataset && seqSetup && family === 'sequence' && <SequenceTrainPanel dataset={dataset} setup={seqSetup} />}
      {dataset && frame && family === 'ranker' && <PairwiseWorkspace key={dataset.id} dataset={dataset} frame={frame} />}
      {dataset && frame && family === 'gbdt' && <GbdtWorkspace key={dataset.id} dataset={dataset} frame={frame} />}
      {dataset && frame && family === 'matcher' && <MatcherWorkspace key={dataset.id} dataset={dataset} />}
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
        {screen === 'compare' ? <ComparePanel /> : screen === 'registry' ? <RegistryPanel /> : openRun ? <RunView /> : <Workspace />}
      </main>
    </div>
  );
}
