import type { DatasetRecord } from '../../db/records';
import { rankerConfigProblems } from '../../ml/models/ranker/config';
import { labelsToPairs } from '../../ml/models/ranker/labels';
import type { RankerSearchInput } from '../../ml/models/ranker/search';
import { useLabeling } from '../../state/ranker-labeling-store';
import { useRanker } from '../../state/ranker-store';
import { TuneView } from '../tune/TuneView';

/**
 * Hyperparameter search over the scorer set above, on this pool and its labels: every trial
 * holds out the same pairs (the split and seed above) and trains on the engine a ranker run would.
 */
export function RankerTunePanel({ dataset }: { dataset: DatasetRecord }) {
  const pool = useLabeling((s) => s.pool);
  const record = useLabeling((s) => s.record);
  const labels = useLabeling((s) => s.labels);
  const config = useRanker((s) => s.config);
  const problems = [...rankerConfigProblems(config), ...(labels.length < 10 ? [`label at least 10 pairs first (${labels.length} so far)`] : [])];
  return (
    <TuneView
      dataset={dataset}
      family="ranker"
      context={{}}
      base={config}
      ready={!!pool && !!record}
      problems={problems}
      request={() => {
        if (!pool || !record) return null;
        const pairs = labelsToPairs(labels, pool.ids);
        const input: RankerSearchInput = {
          pool: { size: pool.ids.length, dim: pool.dim, features: pool.features, featureNames: pool.featureNames, metricCount: pool.metricCount, relevance: pool.relevance },
          pairs: { a: pairs.a, b: pairs.b, y: pairs.y },
        };
        return { input, title: 'pairwise ranker', setup: { trialFamily: 'ranker', pool: record.spec, labelCount: pairs.y.length, base: config } };
      }}
      summary="Search ranker hyperparameters (random / TPE, pruned by epochs)"
    />
  );
}
