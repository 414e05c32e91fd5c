import type { SearchRunRecord } from '../../db/records';
import { defaultCvConfig } from '../../ml/eval/cross-validation';
import { applyGbdtParams } from '../../ml/models/gbdt/search-objective';
import type { GbdtSetup } from '../../state/gbdt-setup';
import { useGbdt } from '../../state/gbdt-store';
import { isBusy } from '../train/TrainControls';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';

type GbdtSearchRun = Extract<SearchRunRecord, { trialFamily: 'gbdt' }>;

/** A GBDT search: its task and base trees, and its best trial refitted as a holdout GBDT run. */
export const gbdtSearchView: SearchView<GbdtSearchRun> = {
  facts: (run) => {
    const m = run.base;
    return [
      ['Dataset', run.datasetName],
      ['Task', `${run.task.kind} · target ${run.task.target} · ${run.task.features.length} features · split ${run.split.strategy}, seed ${run.split.seed}`],
      ['Base model', `GBDT ${m.growth === 'depthwise' ? `depth ${m.maxDepth}` : `${m.numLeaves} leaves`} · lr ${m.learningRate} · ${m.rounds} rounds · early stop ${m.earlyStoppingRounds} · seed ${m.seed}`],
    ];
  },
  trainBest: async (run, best) => {
    const model = applyGbdtParams(run.base, best.params);
    const frame = await searchFrame(run);
    const cur = useGbdt.getState().setups[run.datasetId];
    const { task } = run;
    // the workspace form shows what the run trains: the search's task and split, holdout, the best params
    const setup: GbdtSetup = { target: task.target, kind: task.kind, labels: task.labels ?? [], features: task.features.slice(), model, mode: 'holdout', split: run.split, cv: cur?.cv ?? { ...defaultCvConfig(), strategy: task.kind === 'regression' ? 'kfold' : 'stratified' } };
    useGbdt.setState((s) => ({ setups: { ...s.setups, [run.datasetId]: setup } }));
    showFamilyStudio(run.datasetId, 'gbdt');
    await useGbdt.getState().start({ frame, datasetId: run.datasetId, datasetName: run.datasetName, setup });
  },
  useBusy: () => useGbdt((s) => isBusy(s.phase)),
  same: 'same task and split',
};
