import type { DatasetRecord, SectionsRunRecord } from '../../db/records';
import type { SectionsConfig } from '../../ml/models/sections/config';
import { sectionsConfigProblems } from '../../ml/models/sections/config';
import { useDatasets } from '../../state/datasets-store';
import { scopedLive, useLiveScope } from '../../state/live-scope';
import { useRuns } from '../../state/runs-store';
import { useSections } from '../../state/sections-store';
import { EngineLine } from '../train/EngineLine';
import { LiveElsewhere } from '../train/LiveElsewhere';
import { LossCharts } from '../train/LossCharts';
import { formatDuration, RunAlerts, TrainControls } from '../train/TrainControls';
import { SectionsExport } from './SectionsExport';
import { SectionsReport } from './SectionsReport';
import { TryPosting } from './TryPosting';
import { useSectionsArtifacts } from './use-sections-artifacts';

/** Train (in the worker, on Kiln's engine), the curves as they come, then the report, the try box and the export. */
export function SectionsTrainPanel({ dataset, config }: { dataset: DatasetRecord; config: SectionsConfig }) {
  const frame = useDatasets((s) => s.frame);
  const live = useSections();
  const scope = useLiveScope(live.runId, live.phase, dataset.id);
  const t = scopedLive(live, scope);
  const run = useRuns((s) => s.runs.find((r): r is SectionsRunRecord => r.id === t.runId && r.family === 'sections'));
  const finished = !!run && run.status !== 'running' && run.status !== 'failed' && t.artifactsSaved > 0;
  const { model, result } = useSectionsArtifacts(finished ? run.id : null, t.artifactsSaved);
  return (
    <section className="card" aria-label="Section classifier training" data-testid="sections-train">
      <TrainControls
        phase={t.phase}
        canStart={!!frame}
        onStart={() => frame && void t.start({ dataset, frame, config })}
        onStop={t.stop}
        startLabel={`Train section classifier (${config.model.kind === 'mlp' ? 'MLP' : 'logistic'})`}
        startingLabel="Starting…"
        backend={t.backend}
        backendNote={t.backendNote}
        progress={t.progress}
        stage={t.runStage}
        problems={sectionsConfigProblems(config)}
        unit="sections"
      />
      <LiveElsewhere scope={scope} />
      {run && <EngineLine engine={run.engine} epochs={t.epochs} unit="sections" />}
      <RunAlerts error={t.error} memoryWarning={t.memoryWarning} />
      {t.runId && <LossCharts epochs={t.epochs} steps={t.steps} />}
      {finished && model && result && (
        <div data-testid="final-metrics" data-status={run.status}>
          <p className="muted">
            {run.status} · {formatDuration(run.durationMs ?? null)} · {run.epochsRun} epochs (best {run.bestEpoch})
          </p>
          <SectionsReport result={result} model={model} />
          <TryPosting model={model} />
          <SectionsExport run={run} />
        </div>
      )}
    </section>
  );
}
