import type { DatasetRecord } from '../../db/records';
import type { SequenceSearchInput } from '../../ml/models/sequence/search';
import { useDatasets } from '../../state/datasets-store';
import { sequenceSetupProblems } from './SequenceSetupForm';
import type { SequenceSetup } from '../../state/sequence-setup';
import { TuneView } from '../tune/TuneView';

/** Hyperparameter search over the network set above, on the same histories, vocabulary and cuts: every trial scores the same validation examples. */
export function SequenceTunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: SequenceSetup }) {
  const frame = useDatasets((s) => s.frame);
  return (
    <TuneView
      dataset={dataset}
      family="sequence"
      context={{}}
      base={setup.model}
      ready={!!frame}
      problems={sequenceSetupProblems(setup)}
      request={() => {
        if (!frame) return null;
        const input: SequenceSearchInput = { frame, data: setup.data, sourceName: dataset.fileName };
        return { input, title: 'next title', setup: { trialFamily: 'sequence', data: setup.data, base: setup.model } };
      }}
      summary="Search sequence-model hyperparameters (random / TPE, pruned by epochs)"
    />
  );
}
