import type { SearchRunRecord } from '../../db/records';
import { applyTabularParams } from '../../ml/models/tabular/search-objective';
import { isBusy } from './TrainControls';
import { useSettings } from '../../state/settings-store';
import { useTraining } from '../../state/tabular-store';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';

type TabularSearchRun = Extract<SearchRunRecord, { trialFamily: 'tabular' }>;

/** A network search: its task and base network, and its best trial retrained as a tabular run. */
export const tabularSearchView: SearchView<TabularSearchRun> = {
  facts: (run) => {
    const m = run.base;
    return [
      ['Dataset', run.datasetName],
      ['Task', `${run.task.kind} · target ${run.task.target} · ${run.task.features.length} features · split ${run.split.strategy}, seed ${run.split.seed}`],
      ['Base model', `${m.architecture === 'mlp' ? `MLP ${m.hiddenUnits.join('×')} ${m.activation}` : 'logistic/linear'} · lr ${m.learningRate} · batch ${m.batchSize} · ${m.epochs} epochs · seed ${m.seed}`],
    ];
  },
  trainBest: async (run, best) => {
    const model = applyTabularParams(run.base, best.params);
    const frame = await searchFrame(run);
    showFamilyStudio(run.datasetId, 'tabular');
    await useTraining.getState().start({
      frame,
      datasetId: run.datasetId,
      datasetName: run.datasetName,
      setup: { task: run.task, split: run.split, preprocess: run.preprocess, model },
      backend: useSettings.getState().backend,
      // on the engine the trials trained on, whatever the Engine setting says now, so the run
      // reproduces the trial's figure (engines agree only to float rounding, and their dropout masks
      // differ); a search stored without one ran before trials could train on Kiln's engine: TF.js
      engine: run.engine?.engine ?? 'tfjs',
    });
  },
  useBusy: () => useTraining((s) => isBusy(s.phase)),
  same: 'same task, split and preprocessing',
};
