import type { GbdtRunRecord } from '../../db/records';
import { RunShell } from '../runs/RunShell';
import type { RunViewProps } from '../families/contract';
import { GbdtReport } from './GbdtReport';
import { GbdtResume } from './GbdtResume';
import { GbdtCalibrateAndExport } from './GbdtTrainPanel';
import { useGbdtArtifacts } from './use-gbdt-artifacts';
import { GbdtExplain } from './explain/GbdtExplain';
import { describeTreeOptions } from '../../ml/models/gbdt/constraints';

/** A stored GBDT run, as it was when it finished (also after a reload). */
export function GbdtRunView(p: RunViewProps<GbdtRunRecord>) {
  const { run } = p;
  const { result, model, parity } = useGbdtArtifacts(run.id, run.status);
  const m = run.model;
  const ev = run.evaluation;
  return (
    <RunShell
      {...p}
      epochsStored={run.epochsRun ?? 0}
      unit={ev.mode === 'cv' ? 'folds' : 'rounds'}
      facts={[
        ['Dataset', run.datasetName],
        ['Task', `${run.task.kind} · target ${run.task.target} · ${run.task.features.length} columns${run.task.labels ? ` · ${run.task.labels.join(' < ')}` : ''}`],
        ['Trees', `${m.growth} · depth ${m.maxDepth || '—'} · ≤ ${m.numLeaves} leaves · lr ${m.learningRate} · ${m.rounds} rounds max · early stop ${m.earlyStoppingRounds || 'off'} · seed ${m.seed}`],
        ['Constraints', describeTreeOptions(m, result?.widths.filter((w) => w.kind === 'categorical').length ?? 0)],
        ...(result?.threads ? [['Histograms', result.threads > 1 ? `${result.threads} threads (wasm${result.threadsMeet ? `, ${result.threadsMeet}` : ''})` : '1 thread'] as [string, string]] : []),
        ['Evaluation', ev.mode === 'cv' ? `${ev.cv.folds}-fold ${ev.cv.strategy}${ev.cv.repeats > 1 ? ` × ${ev.cv.repeats} repeats` : ''}${ev.cv.groupColumn && ev.cv.strategy === 'group' ? ` by ${ev.cv.groupColumn}` : ''}` : `holdout (${ev.split.strategy})`],
      ]}
    >
      <GbdtResume run={run} />
      {result ? <GbdtReport result={result} /> : run.status !== 'running' && <p className="muted">No stored result (the run did not finish).</p>}
      {result?.mode === 'holdout' && model && parity && <GbdtExplain model={model} parity={parity} />}
      {result?.mode === 'holdout' && <GbdtCalibrateAndExport run={run} />}
    </RunShell>
  );
}
