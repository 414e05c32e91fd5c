import { loadFrame } from '../../db/datasets-repo';
import type { DatasetRecord } from '../../db/records';
import type { MatcherSearchInput } from '../../ml/models/matcher/search';
import { useDatasets } from '../../state/datasets-store';
import { matcherSetupProblems, type MatcherSetup } from '../../state/matcher-setup';
import { TuneView } from '../tune/TuneView';

/**
 * Hyperparameter search over the matcher's vectorizer and learned weights, on the tables and
 * columns set above: every trial holds out the same candidates. The matcher fits in one shot, so
 * its trials are never pruned.
 */
export function MatcherTunePanel({ pairs, setup }: { pairs: DatasetRecord; setup: MatcherSetup }) {
  const frame = useDatasets((s) => s.frame);
  const datasets = useDatasets((s) => s.datasets);
  return (
    <TuneView
      dataset={pairs}
      family="matcher"
      context={{}}
      base={setup.config}
      ready={!!frame}
      problems={matcherSetupProblems(setup)}
      request={async () => {
        if (!frame) return null;
        const ref = (id: string) => {
          const d = datasets.find((x) => x.id === id);
          if (!d) throw new Error('a table this matcher joins is no longer loaded; choose it again');
          return { id: d.id, name: d.name };
        };
        const frameOf = async (id: string) => (id === pairs.id ? frame : loadFrame(id));
        const tables = { candidates: ref(setup.candidatesId), jobs: ref(setup.jobsId), pairs: { id: pairs.id, name: pairs.name } };
        const input: MatcherSearchInput = {
          tables: { candidates: { name: tables.candidates.name, frame: await frameOf(setup.candidatesId) }, jobs: { name: tables.jobs.name, frame: await frameOf(setup.jobsId) }, pairs: { name: pairs.name, frame } },
          columns: setup.columns,
        };
        return { input, title: 'matcher', setup: { trialFamily: 'matcher', tables, columns: setup.columns, base: setup.config } };
      }}
      summary="Search matcher settings (TF-IDF and learned weights; one-shot fits, no pruning)"
    />
  );
}
