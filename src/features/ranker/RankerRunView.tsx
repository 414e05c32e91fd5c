import type { RankerRunRecord } from '../../db/records';
import { LossCharts } from '../train/LossCharts';
import { EngineLine } from '../train/EngineLine';
import { RunShell } from '../runs/RunShell';
import { ResumeCheckpoint } from '../runs/ResumeCheckpoint';
import { useRanker } from '../../state/ranker-store';
import type { RunViewProps } from '../families/contract';
import { PairAccuracyChart } from './RankerPanel';
import { RankerReport } from './RankerReport';

/** A stored ranker run, reopened: its pool, settings, curves, report and export. */
export function RankerRunView(p: RunViewProps<RankerRunRecord>) {
  const { run, epochs, steps } = p;
  const c = run.model;
  return (
    <RunShell
      {...p}
      epochsStored={epochs.length}
      facts={[
        ['Pool', `${run.datasetName} · id ${run.pool.idColumn} · ${run.featureNames?.length ?? '?'} features · ${run.labelCount} labels`],
        ['Model', `${c.hiddenLayers ? `${c.hiddenLayers}× Dense ${c.hiddenUnits} + ReLU, dropout ${c.dropout}` : 'linear'} · margin ${c.margin} · Adam lr ${c.learningRate}, L2 ${c.weightDecay} · batch ${c.batchSize}`],
      ]}
    >
      <EngineLine engine={run.engine} epochs={epochs} unit="pairs" />
      <ResumeCheckpoint run={run} live={useRanker} alerts />
      <div className="charts">
        <PairAccuracyChart epochs={epochs} />
      </div>
      <LossCharts epochs={epochs} steps={steps} />
      {run.status !== 'running' && <RankerReport run={run} />}
    </RunShell>
  );
}
