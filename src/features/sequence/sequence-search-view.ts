import type { SearchRunRecord } from '../../db/records';
import { applySequenceParams } from '../../ml/models/sequence/search';
import { useSequence } from '../../state/sequence-store';
import { useSettings } from '../../state/settings-store';
import { isBusy } from '../train/TrainControls';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';

type SequenceSearchRun = Extract<SearchRunRecord, { trialFamily: 'sequence' }>;

/** A sequence-model search: its histories and base network, and its best trial retrained as a sequence run on the same examples. */
export const sequenceSearchView: SearchView<SequenceSearchRun> = {
  facts: (run) => {
    const m = run.base;
    const d = run.data;
    return [
      ['Dataset', run.datasetName],
      ['Data', `histories from ${d.source.shape === 'json' ? 'one JSON column per row' : 'a long table'} · prefixes ${d.minPrefix}–${d.maxPrefix} · vocabulary min frequency ${d.vocab.minFrequency}, at most ${d.vocab.maxSize}`],
      ['Base model', `${m.bidirectional ? 'bi' : ''}LSTM ${m.layers}×${m.hiddenUnits} · embeddings ${m.embeddingDim} · lr ${m.learningRate} · batch ${m.batchSize} · ${m.epochs} epochs · seed ${m.seed}`],
    ];
  },
  trainBest: async (run, best) => {
    const model = applySequenceParams(run.base, best.params);
    const frame = await searchFrame(run);
    const setup = { data: run.data, model };
    // the workspace form shows what the run trains: the search's data options, the best params
    useSequence.setState((s) => ({ setups: { ...s.setups, [run.datasetId]: setup } }));
    showFamilyStudio(run.datasetId, 'sequence');
    await useSequence.getState().start({ frame, datasetId: run.datasetId, datasetName: run.datasetName, setup, backend: useSettings.getState().backend });
  },
  useBusy: () => useSequence((s) => isBusy(s.phase)),
  same: 'same histories, vocabulary and cuts',
};
