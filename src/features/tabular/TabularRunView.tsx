import type { TabularRunRecord } from '../../db/records';
import type { TaskKind } from '../../ml/task';
import { useTraining } from '../../state/tabular-store';
import { CvReport } from '../evaluate/CvReport';
import { useCvResult } from '../evaluate/use-cv-result';
import type { RunViewProps } from '../families/contract';
import { ResumeCheckpoint } from '../runs/ResumeCheckpoint';
import { RunShell } from '../runs/RunShell';
import { EngineLine } from '../train/EngineLine';
import { LossCharts } from '../train/LossCharts';
import { MetricsTable } from '../train/MetricsTable';
import { EvaluationPanel } from './EvaluationPanel';

function TabularCvView({ runId, kind, status }: { runId: string; kind: TaskKind; status: string }) {
  const cv = useCvResult(runId, status);
  return cv ? <CvReport cv={cv} kind={kind} /> : <p className="muted">No stored cross-validation result (the run did not finish).</p>;
}

/** A stored tabular run (one fit, or a cross-validation), reopened: setup, curves, evaluation and export. */
export function TabularRunView(p: RunViewProps<TabularRunRecord>) {
  const { run, epochs, steps } = p;
  // the training store's curve of this run (live, or resumed in this tab) is newer than the one read when it was opened
  const curve = useTraining((s) => (s.runId !== null && s.phase !== 'idle' && s.runId === run.id ? s : null));
  const m = run.model;
  return (
    <RunShell
      {...p}
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
          <ResumeCheckpoint run={run} live={useTraining} alerts />
          <LossCharts epochs={curve?.epochs ?? epochs} steps={curve?.steps ?? steps} />
          {run.finalMetrics && <MetricsTable metrics={run.finalMetrics} caption="Validation metrics" />}
          {run.status !== 'running' && <EvaluationPanel runId={run.id} />}
        </>
      )}
    </RunShell>
  );
}
