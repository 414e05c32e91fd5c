import type { DatasetRecord } from '../../db/records';
import { sectionsConfigProblems, type SectionsConfig } from '../../ml/models/sections/config';
import { sectionExamplesOf } from '../../ml/models/sections/data';
import type { SectionsSearchInput } from '../../ml/models/sections/search';
import { useDatasets } from '../../state/datasets-store';
import { TuneView } from '../tune/TuneView';

/**
 * Hyperparameter search over the vectorizer and the model, on the columns set above: every trial
 * is scored on the same test sections. A trial is one whole fit, so trials are never pruned.
 */
export function SectionsTunePanel({ dataset, config }: { dataset: DatasetRecord; config: SectionsConfig }) {
  const frame = useDatasets((s) => s.frame);
  return (
    <TuneView
      dataset={dataset}
      family="sections"
      context={{}}
      base={config}
      ready={!!frame}
      problems={sectionsConfigProblems(config)}
      request={() => {
        if (!frame) return null;
        const input: SectionsSearchInput = sectionExamplesOf(frame, config.columns, dataset.name);
        return { input, title: 'section classifier', setup: { trialFamily: 'sections', base: config } };
      }}
      summary="Search section-classifier settings (TF-IDF size and weighting, logistic or MLP, learning rate, L2; one-shot fits, no pruning)"
    />
  );
}
