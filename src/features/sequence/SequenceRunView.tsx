import type { SequenceRunRecord } from '../../db/records';
import { EngineLine } from '../train/EngineLine';
import { LossCharts } from '../train/LossCharts';
import { RunShell } from '../runs/RunShell';
import { ResumeCheckpoint } from '../runs/ResumeCheckpoint';
import { useSequence } from '../../state/sequence-store';
import type { RunViewProps } from '../families/contract';
import { HeadLossCharts } from './HeadLossCharts';
import { SequenceReport } from './SequenceReport';

/** A stored sequence run, reopened: its setup, curves and report. */
export function SequenceRunView(p: RunViewProps<SequenceRunRecord>) {
  const { run, epochs, steps } = p;
  const m = run.model;
  const src = run.data.source;
  return (
    <RunShell
      {...p}
      epochsStored={epochs.length}
      facts={[
        ['Dataset', `${run.datasetName} · ${src.shape === 'json' ? `history column ${src.historyColumn}` : `long table (${src.titleColumn}, ${src.startColumn}–${src.endColumn})`} by ${src.idColumn}`],
        ['Model', `embedding ${m.embeddingDim} → ${m.layers}× ${m.bidirectional ? 'bi' : ''}LSTM ${m.hiddenUnits}, dropout ${m.dropout} · loss CE + ${m.lossWeights.tenure}·MSE + ${m.lossWeights.hire}·BCE · Adam lr ${m.learningRate} · batch ${m.batchSize}`],
        ['Examples', run.splitSizes ? `${run.splitSizes.train} train / ${run.splitSizes.validation} validation / ${run.splitSizes.test} test` : '—'],
      ]}
    >
      <EngineLine engine={run.engine} epochs={epochs} unit="sequences" />
      <ResumeCheckpoint run={run} live={useSequence} alerts />
      <HeadLossCharts epochs={epochs} />
      <LossCharts epochs={epochs} steps={steps} />
      {run.status !== 'running' && <SequenceReport run={run} />}
    </RunShell>
  );
}
