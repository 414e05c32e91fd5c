import { useRuns } from '../../state/runs-store';
import { useTraining } from '../../state/training-store';
import { LossCharts } from '../train/LossCharts';
import { EngineLine } from '../train/EngineLine';
import { MetricsTable } from '../train/MetricsTable';
import { EvaluationPanel } from '../evaluate/EvaluationPanel';
import { SequenceRunView } from '../sequence/SequenceRunView';
import { useSequence } from '../../state/sequence-store';
import { RunShell } from './RunShell';
import { useRanker } from '../../state/ranker-store';
import { RankerRunView } from '../ranker/RankerRunView';
import { useGbdt } from '../../state/gbdt-store';
import { GbdtRunView } from '../gbdt/GbdtRunView';
import { useTabularCv } from '../../state/tabular-cv-store';
import { CvReport } from '../evaluate/CvReport';
import { useCvResult } from '../evaluate/use-cv-result';
import type { TaskKind } from '../../ml/task';
import { useMatcher } from '../../state/matcher-store';
import { MatcherRunView } from '../matcher/MatcherRunView';
import { ResumeCheckpoint } from './ResumeCheckpoint';
import { useTune } from '../../state/tune-store';
import { SearchRunView } from '../tune/SearchRunView';

function TabularCvView({ runId, kind, status }: { runId: string; kind: TaskKind; status: string }) {
  const cv = useCvResult(runId, status);
  return cv ? <CvReport cv={cv} kind={kind} /> : <p className="muted">No stored cross-validation result (the run did not finish).</p>;
}

export function RunView() {
  const open = useRuns((s) => s.open);
  const remove = useRuns((s) => s.remove);
  const close = useRuns((s) => s.closeRun);
  const liveTabular = useTraining((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  // the tabular store's curve of the open run (live, or resumed in this tab) is newer than the one read when it was opened
  const tabularCurve = useTraining((s) => (s.runId !== null && s.phase !== 'idle' && s.runId === open?.run.id ? s : null));
  const liveSequence = useSequence((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  const liveRanker = useRanker((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  const liveGbdt = useGbdt((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  const liveCv = useTabularCv((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  const liveMatcher = useMatcher((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  const liveSearch = useTune((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  const liveId = liveTabular ?? liveSequence ?? liveRanker ?? liveGbdt ?? liveCv ?? liveMatcher ?? liveSearch;
  if (!open) return null;
  const { run, epochs, steps } = open;
  if (run.family === 'ranker') return <RankerRunView run={run} epochs={epochs} steps={steps} live={liveId === run.id} onClose={close} onDelete={() => void remove(run.id)} />;
  if (run.family === 'gbdt') return <GbdtRunView run={run} live={liveId === run.id} onClose={close} onDelete={() => void remove(run.id)} />;
  if (run.family === 'matcher') return <MatcherRunView run={run} live={liveId === run.id} onClose={close} onDelete={() => void remove(run.id)} />;
  if (run.family === 'search') return <SearchRunView run={run} live={liveId === run.id} onClose={close} onDelete={() => void remove(run.id)} />;
  if (run.family === 'sequence') return <SequenceRunView run={run} epochs={epochs} steps={steps} live={liveId === run.id} onClose={close} onDelete={() => void remove(run.id)} />;
  const m = run.model;
  return (
    <RunShell
      run={run}
      live={liveId === run.id}
      onClose={close}
      onDelete={() => void remove(run.id)}
      epochsStored={epochs.length}
      unit={run.cv ? 'folds' : 'epochs'}
      facts={[
        ['Dataset', run.datasetName],
        ['Task', `${run.task.kind} · target ${run.task.target} · ${run.task.features.length} features`],
        ['Model', `${m.architecture === 'mlp' ? `MLP ${m.hiddenUnits.join('×')} ${m.activation}, dropout ${m.dropout}` : 'logistic/linear'} · L2 ${m.l2} · Adam lr ${m.learningRate} · batch ${m.batchSize}`],
        [
          run.cv ? 'Evaluation' : 'Split',
          `${run.cv ? `${run.cv.folds}-fold ${run.cv.strategy}${run.cv.repeats > 1 ? ` × ${run.cv.repeats}` : ''} cross-validation` : `${run.split.strategy}, seed ${run.split.seed}`}${run.splitSizes ? ` · ${run.splitSizes.train}/${run.splitSizes.validation}/${run.splitSizes.test}` : ''}`,
        ],
      ]}
    >
      {run.memoryWarning && <p className="error-text">{run.memoryWarning}</p>}
      <EngineLine engine={run.engine} epochs={epochs} />
      {run.cv ? (
        <TabularCvView runId={run.id} kind={run.task.kind} status={run.status} />
      ) : (
        <>
          <ResumeCheckpoint run={run} alerts />
          <LossCharts epochs={tabularCurve?.epochs ?? epochs} steps={tabularCurve?.steps ?? steps} />
          {run.finalMetrics && <MetricsTable metrics={run.finalMetrics} caption="Validation metrics" />}
          {run.status !== 'running' && <EvaluationPanel runId={run.id} />}
        </>
      )}
    </RunShell>
  );
}
