import { useMatcher } from '../../state/matcher-store';
import { defineFamily } from '../families/contract';
import { MatcherRunView } from './MatcherRunView';
import { MatcherWorkspace } from './MatcherWorkspace';
import { loadMatcherArtifacts } from './use-matcher-artifacts';
import { matcherSearchView } from './matcher-search-view';
import type { MatcherRecipe } from '../../ml/models/matcher/defaults';

/** A stored matcher run's held-out pair: its section texts and the learned P(match) the studio computed. */
async function heldOutPair(runId: string, index: number): Promise<{ candidateTexts: string[]; jobTexts: string[]; probability: number }> {
  const { result } = await loadMatcherArtifacts(runId);
  if (!result) throw new Error(`run ${runId} has no stored matcher result`);
  const h = result.heldOut;
  return { candidateTexts: h.candidateTexts[h.candidate[index]], jobTexts: h.jobTexts[h.job[index]], probability: (h.learned.probability ?? h.learned.score)[index] };
}

export const matcherFamily = defineFamily({
  id: 'matcher',
  title: 'Candidate–job matcher',
  detail: 'this table holds labeled pairs; section TF-IDF, fixed vs learned weights',
  Workspace: MatcherWorkspace,
  searchView: matcherSearchView,
  RunView: MatcherRunView,
  liveStores: [useMatcher],
  fixedBackend: 'CPU',
  headlineMetric: () => 'spearman',
  // the learned weighting is the one the run trained; the fixed one is its baseline
  fromRecipe: (c: MatcherRecipe) => ({ columns: c.columns, config: c.config }),
  recipe: async (run) => ({ config: { columns: run.columns, config: run.config }, data: { candidates: run.tables.candidates.id, jobs: run.tables.jobs.id, pairs: run.tables.pairs.id } }),
  bundle: async (run) => (await import('./build-matcher-export')).buildMatcherExport(run, 'learned'),
  modelType: (run) => ({ modelType: 'job_matcher', suffix: run.config.learnedMode === 'logistic' ? 'logistic' : 'lsq' }),
  testHooks: { matcher: () => useMatcher.getState(), matcherHeldOutPair: heldOutPair },
});
