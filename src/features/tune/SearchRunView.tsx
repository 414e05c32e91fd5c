import type { RunRecord, SearchRunRecord } from '../../db/records';
import { bestTrial, type Trial } from '../../ml/tune/search';
import type { SearchSpace } from '../../ml/tune/space';
import type { StudySpec } from '../../ml/tune/study';
import { useRuns } from '../../state/runs-store';
import { useTune } from '../../state/tune-store';
import { RunShell } from '../runs/RunShell';
import { formatParam } from './format';
import { SearchReport } from './SearchReport';
import { TrainBest } from './TrainBest';
import { EngineLine } from '../train/EngineLine';
import { useSearchResult } from './use-search-result';
import { metricName } from '../../ml/metrics/metric-names';
import { searchFamily } from '../../ml/tune/families';
import { searchView } from './search-views';
import { stepWord } from './TuneView';

export function describeSpace(space: SearchSpace): string {
  return space
    .map((p) => (p.kind === 'categorical' ? `${p.name} ∈ {${(p.choices ?? []).join(', ')}}` : `${p.name} ${p.kind} [${formatParam(p.low)}, ${formatParam(p.high)}]${p.step ? ` step ${p.step}` : ''}`))
    .join(' · ');
}

export function describeStudy(s: StudySpec, step = 'epoch'): string {
  const sampler = s.sampler === 'tpe' ? `TPE (first ${s.tpe?.startupTrials ?? 10} random)` : 'random';
  const pruning = s.pruner ? `successive halving from ${step} ${s.pruner.minResource}, η ${s.pruner.reductionFactor}` : 'no pruning';
  return `${s.trials} trials · ${sampler} · seed ${s.seed} · ${metricName(s.metric)} (${s.direction}) · ${pruning}`;
}

const NONE: Trial[] = [];

function isSearch(r: RunRecord | undefined): r is SearchRunRecord {
  return r?.family === 'search';
}

/** A stored search: its setup, every trial that finished (also after a reload mid-search), and the best one to train. */
export function SearchRunView({ run: opened, live, onClose, onDelete }: { run: SearchRunRecord; live: boolean; onClose: () => void; onDelete: () => void }) {
  // the opened record is a snapshot; the runs list has the status and counts as they change
  const latest = useRuns((s) => s.runs.find((r) => r.id === opened.id));
  const run = isSearch(latest) ? latest : opened;
  const liveTrials = useTune((s) => (s.runId === run.id && live ? s.trials : null));
  const current = useTune((s) => (s.runId === run.id && live ? s.current : null));
  const stored = useSearchResult(run.id, `${run.status}:${run.epochsRun ?? 0}`);
  const liveFinished = useTune((s) => (s.runId === run.id && live ? s.finished : null));
  // stored trials have all finished: a partial result holds only those
  const trials = liveTrials ?? stored?.trials ?? NONE;
  const done = liveFinished ?? stored?.trials ?? NONE;
  const s = run.study;
  const best = bestTrial(trials.filter((t) => !!t), s.direction);
  const finished = done.length;
  const view = searchView(run);
  return (
    <RunShell
      run={run}
      live={live}
      onClose={onClose}
      onDelete={onDelete}
      epochsStored={finished}
      unit="trials"
      facts={[
        ...(view ? view.facts(run) : [['Dataset', run.datasetName] as [string, string]]),
        ['Search', describeStudy(s, stepWord(searchFamily(run.trialFamily)))],
        ['Space', describeSpace(s.space)],
      ]}
    >
      <EngineLine engine={run.engine} />
      {stored?.partial && run.status !== 'running' && (
        <p className="note" data-testid="search-partial">
          The search ended after {finished} of {s.trials} trials; the trials that finished are kept.
        </p>
      )}
      {trials.length === 0 ? (
        <p className="muted">{run.status === 'running' ? 'The first trial is running.' : 'No trial finished.'}</p>
      ) : (
        <SearchReport trials={trials} finished={done} space={s.space} metric={s.metric} direction={s.direction} bestIndex={best?.index ?? null} current={current} />
      )}
      {run.status !== 'running' && <TrainBest run={run} best={best} />}
    </RunShell>
  );
}
