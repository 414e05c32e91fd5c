import type { SearchRunRecord } from '../../db/records';
import { applyRankerParams } from '../../ml/models/ranker/search';
import { useDatasets } from '../../state/datasets-store';
import { useLabeling } from '../../state/ranker-labeling-store';
import { useRanker } from '../../state/ranker-store';
import { useSettings } from '../../state/settings-store';
import { isBusy } from '../train/TrainControls';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';

type RankerSearchRun = Extract<SearchRunRecord, { trialFamily: 'ranker' }>;

/** A ranker search: its pool and labels, and its best trial retrained as a ranker run on the pool's labels. */
export const rankerSearchView: SearchView<RankerSearchRun> = {
  facts: (run) => {
    const m = run.base;
    const p = run.pool;
    return [
      ['Dataset', run.datasetName],
      ['Pool', `items by ${p.idColumn} · ${p.metricColumns.length} metric columns${p.relevanceColumn ? ` · relevance ${p.relevanceColumn}` : ''} · ${run.labelCount} labeled pairs · held out by ${m.split.by}, ${m.split.validationFraction}, seed ${m.seed}`],
      ['Base model', `${m.hiddenLayers ? `MLP ${m.hiddenLayers}×${m.hiddenUnits}` : 'linear'} scorer · lr ${m.learningRate} · batch ${m.batchSize} · margin ${m.margin} · ${m.epochs} epochs`],
    ];
  },
  trainBest: async (run, best) => {
    const config = applyRankerParams(run.base, best.params);
    const frame = await searchFrame(run);
    const lab = useLabeling.getState();
    if (lab.poolId !== run.datasetId || lab.frame !== frame) await lab.open(run.datasetId, run.datasetName, frame);
    const { pool, record, labels } = useLabeling.getState();
    if (!pool || !record) throw new Error(`the item pool of ${run.datasetName} could not be built: ${useLabeling.getState().poolError ?? 'no pool'}`);
    const dataset = useDatasets.getState().datasets.find((d) => d.id === run.datasetId);
    // the ranker's form shows what the run trains: the best trial's config
    useRanker.getState().setConfig(config);
    showFamilyStudio(run.datasetId, 'ranker');
    await useRanker.getState().start({ pool, poolSpec: record.spec, labels, datasetId: run.datasetId, datasetName: dataset?.fileName ?? run.datasetName, backend: useSettings.getState().backend });
  },
  useBusy: () => useRanker((s) => isBusy(s.phase)),
  same: 'same pool, labels and held-out split',
};
