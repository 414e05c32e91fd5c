import type { MatcherModelArtifact, MatcherRunRecord } from '../../db/records';
import type { MatcherRunResult } from '../../ml/models/matcher/train-matcher';
import { useItemTitles } from '../datasets/use-item-titles';
import { HeldOutPairs } from './HeldOutPairs';
import { MatcherComparison } from './MatcherComparison';

/** A finished matcher: the fixed-vs-learned comparison, vocabulary sizes and timings, the held-out pairs with explanations. */
export function MatcherReport({ run, result, model }: { run: MatcherRunRecord; result: Omit<MatcherRunResult, 'sections'>; model: MatcherModelArtifact }) {
  const t = result.timings;
  // one scores table carrying both sides: only columns named for each side's id (candidate_name, job_title)
  const shared = run.tables.candidates.id === run.tables.jobs.id;
  const candidateTitles = useItemTitles(run.tables.candidates.id, run.columns.candidateId, shared);
  const jobTitles = useItemTitles(run.tables.jobs.id, run.columns.jobId, shared);
  return (
    <div data-testid="matcher-report">
      <MatcherComparison result={result} sectionNames={model.sections.map((s) => s.name)} />
      <p className="muted" data-testid="matcher-vocab">
        Vocabulary: {model.sections.map((s) => `${s.name} ${s.tfidf.vocabulary.length.toLocaleString()} terms (${s.tfidf.documents.toLocaleString()} documents)`).join(' · ')} · TF-IDF {Math.round(t.tfidfMs)} ms ·
        similarities {Math.round(t.similaritiesMs)} ms · weights {Math.round(t.weightsMs)} ms
      </p>
      <HeldOutPairs heldOut={result.heldOut} model={model} titles={{ candidate: candidateTitles, job: jobTitles }} />
    </div>
  );
}
