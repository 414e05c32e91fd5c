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

export function describeSpace(space: SearchSpace): string {
  return space
    .map((p) => (p.kind === 'categorical' ? `${p.name} ∈ {${(p.choices ?? []).join(', ')}}` : `${p.name} ${p.kind} [${formatParam(p.low)}, ${formatParam(p.high)}]${p.step ? ` step ${p.step}` : ''}`))
    .join(' · ');
}

export function describeStudy(s: StudySpec, step: 'epoch' | 'round' = 'epoch'): string {
  const sampler = s.sampler === 'tpe' ? `TPE (first ${s.tpe?.startupTrials ?? 10} random)` : 'random';
  const pruning = s.pruner ? `successive halving from ${step} ${s.pruner.minResource}, η ${s.pruner.reductionFactor}` : 'no pruning';
  return `${s.trials} trials · ${sampler} · seed ${s.seed} · ${metricName(s.metric)} (${s.direction}) · ${pruning}`;
}

const NONE: Trial[] = [];

/** The config every trial started from, in the family's terms. */
function describeBase(run: SearchRunRecord): string {
  if (run.trialFamily === 'gbdt') {
    const m = run.base;
    return `GBDT ${m.growth === 'depthwise' ? `depth ${m.maxDepth}` : `${m.numLeaves} leaves`} · lr ${m.learningRate} · ${m.rounds} rounds · early stop ${m.earlyStoppingRounds} · seed ${m.seed}`;
  }
  const m = run.base;
  return `${m.architecture === 'mlp' ? `MLP ${m.hiddenUnits.join('×')} ${m.activation}` : 'logistic/linear'} · lr ${m.learningRate} · batch ${m.batchSize} · ${m.epochs} epochs · seed ${m.seed}`;
}

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
  return (
    <RunShell
      run={run}
      live={live}
      onClose={onClose}
      onDelete={onDelete}
      epochsStored={finished}
      unit="trials"
      facts={[
        ['Dataset', run.datasetName],
        ['Task', `${run.task.kind} · target ${run.task.target} · ${run.task.features.length} features · split ${run.split.strategy}, seed ${run.split.seed}`],
        ['Base model', describeBase(run)],
        ['Search', describeStudy(s, run.trialFamily === 'gbdt' ? 'round' : 'epoch')],
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
