import type { DatasetRecord, MatcherRunRecord } from '../../db/records';
import { useDatasets } from '../../state/datasets-store';
import { matcherSetupProblems, type MatcherSetup } from '../../state/matcher-setup';
import { useMatcher } from '../../state/matcher-store';
import { useRuns } from '../../state/runs-store';
import { formatDuration, isBusy, RunAlerts, TrainControls } from '../train/TrainControls';
import { MatcherExport } from './MatcherExport';
import { MatcherReport } from './MatcherReport';
import { useMatcherArtifacts } from './use-matcher-artifacts';
import { useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';

const STAGE_LABEL = { tfidf: 'Fitting TF-IDF per section', similarities: 'Cosine similarities of every pair', weights: 'Fitting fixed and learned weights', evaluate: 'Evaluating on held-out pairs' } as const;

/** Fit (in a worker), the stages as they run, then the comparison, explanations and export. */
export function MatcherTrainPanel({ pairs, setup }: { pairs: DatasetRecord; setup: MatcherSetup }) {
  const frame = useDatasets((s) => s.frame);
  const datasets = useDatasets((s) => s.datasets);
  // the live fit shows only on the pairs table it fits
  const scope = useLiveScope(
    useMatcher((s) => s.runId),
    useMatcher((s) => s.phase),
    pairs.id,
  );
  const { runId, phase } = scope;
  const own = !scope.elsewhere;
  const stage = useMatcher((s) => (own ? s.stage : null));
  const joined = useMatcher((s) => (own ? s.joined : null));
  const error = useMatcher((s) => (own ? s.error : null));
  const saved = useMatcher((s) => s.artifactsSaved);
  const start = useMatcher((s) => s.start);
  const stop = useMatcher((s) => s.stop);
  const run = useRuns((s) => s.runs.find((r): r is MatcherRunRecord => r.id === runId && r.family === 'matcher'));
  const finished = !!run && run.status === 'completed' && saved > 0;
  const { model, result } = useMatcherArtifacts(finished ? run.id : null, saved);
  return (
    <section className="card" aria-label="Matcher training" data-testid="matcher-train">
      <TrainControls
        phase={phase}
        canStart={!!frame}
        onStart={() => frame && void start({ pairs, pairsFrame: frame, datasets, setup })}
        onStop={stop}
        startLabel="Fit matcher (fixed vs learned)"
        startingLabel="Loading tables…"
        stopLabel="Stop"
        backend={null}
        backendNote={null}
        progress={null}
        problems={matcherSetupProblems(setup)}
        unit="pairs"
      />
      {joined && (
        <p className="muted" data-testid="matcher-joined">
          Joined {joined.pairs.toLocaleString()} pairs · {joined.candidates.toLocaleString()} candidates · {joined.jobs.toLocaleString()} jobs
          {joined.skipped > 0 && ` · ${joined.skipped.toLocaleString()} pairs skipped (${joined.skippedExamples.join('; ')})`}
        </p>
      )}
      {stage && isBusy(phase) && (
        <div className="progress-row" data-testid="train-progress">
          <span>
            Step {stage.index + 1}/{stage.stages}: {STAGE_LABEL[stage.name]}…
          </span>
          <progress max={stage.stages} value={stage.index} />
        </div>
      )}
      <LiveElsewhere scope={scope} />
      <RunAlerts error={error} memoryWarning={null} />
      {finished && model && result && (
        <div data-testid="final-metrics" data-status={run.status}>
          <p className="muted">
            {run.status} · {formatDuration(run.durationMs ?? null)}
          </p>
          <MatcherReport run={run} result={result} model={model} />
          <MatcherExport run={run} />
        </div>
      )}
    </section>
  );
}
