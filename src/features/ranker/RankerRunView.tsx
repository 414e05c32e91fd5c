import type { EpochMetricRecord, RankerRunRecord, StepMetricRecord } from '../../db/records';
import { LossCharts } from '../train/LossCharts';
import { RunHead } from '../runs/RunHead';
import { RunTiming } from '../runs/RunTiming';
import { PairAccuracyChart } from './RankerPanel';
import { RankerReport } from './RankerReport';

/** A stored ranker run, reopened: its pool, settings, curves, report and export. */
export function RankerRunView({ run, epochs, steps, live, onClose, onDelete }: { run: RankerRunRecord; epochs: EpochMetricRecord[]; steps: StepMetricRecord[]; live: boolean; onClose: () => void; onDelete: () => void }) {
  const c = run.model;
  return (
    <section className="card" data-testid="run-view" data-run-id={run.id}>
      <RunHead name={run.name} live={live} onClose={onClose} onDelete={onDelete} />
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="run-status">{run.status}</dd>
        <dt>Pool</dt>
        <dd>
          {run.datasetName} · id {run.pool.idColumn} · {run.featureNames?.length ?? '?'} features · {run.labelCount} labels
        </dd>
        <dt>Model</dt>
        <dd>
          {c.hiddenLayers ? `${c.hiddenLayers}× Dense ${c.hiddenUnits} + ReLU, dropout ${c.dropout}` : 'linear'} · margin {c.margin} · Adam lr {c.learningRate}, L2 {c.weightDecay} · batch {c.batchSize}
        </dd>
        <RunTiming run={run} epochsStored={epochs.length} />
      </dl>
      {run.message && <p className="note">{run.message}</p>}
      <div className="charts">
        <PairAccuracyChart epochs={epochs} />
      </div>
      <LossCharts epochs={epochs} steps={steps} />
      {run.status !== 'running' && <RankerReport run={run} />}
    </section>
  );
}
