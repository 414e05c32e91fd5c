import type { EpochMetricRecord, SequenceRunRecord, StepMetricRecord } from '../../db/records';
import { LossCharts } from '../train/LossCharts';
import { RunTiming } from '../runs/RunTiming';
import { RunHead } from '../runs/RunHead';
import { HeadLossCharts } from './HeadLossCharts';
import { SequenceReport } from './SequenceReport';

/** A stored sequence run, reopened: its setup, curves and report. */
export function SequenceRunView({ run, epochs, steps, live, onClose, onDelete }: { run: SequenceRunRecord; epochs: EpochMetricRecord[]; steps: StepMetricRecord[]; live: boolean; onClose: () => void; onDelete: () => void }) {
  const m = run.model;
  const src = run.data.source;
  return (
    <section className="card" data-testid="run-view" data-run-id={run.id}>
      <RunHead name={run.name} live={live} onClose={onClose} onDelete={onDelete} />
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="run-status">{run.status}</dd>
        <dt>Dataset</dt>
        <dd>
          {run.datasetName} · {src.shape === 'json' ? `history column ${src.historyColumn}` : `long table (${src.titleColumn}, ${src.startColumn}–${src.endColumn})`} by {src.idColumn}
        </dd>
        <dt>Model</dt>
        <dd>
          embedding {m.embeddingDim} → {m.layers}× {m.bidirectional ? 'bi' : ''}LSTM {m.hiddenUnits}, dropout {m.dropout} · loss CE + {m.lossWeights.tenure}·MSE + {m.lossWeights.hire}·BCE · Adam lr {m.learningRate} · batch {m.batchSize}
        </dd>
        <dt>Examples</dt>
        <dd>{run.splitSizes ? `${run.splitSizes.train} train / ${run.splitSizes.validation} validation / ${run.splitSizes.test} test` : '—'}</dd>
        <RunTiming run={run} epochsStored={epochs.length} />
      </dl>
      {run.message && <p className="note">{run.message}</p>}
      <HeadLossCharts epochs={epochs} />
      <LossCharts epochs={epochs} steps={steps} />
      {run.status !== 'running' && <SequenceReport run={run} />}
    </section>
  );
}
