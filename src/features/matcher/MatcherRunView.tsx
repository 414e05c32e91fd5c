import type { MatcherRunRecord } from '../../db/records';
import { sklearnDfText } from '../../ml/text/tfidf';
import { RunShell } from '../runs/RunShell';
import type { RunViewProps } from '../families/contract';
import { MatcherExport } from './MatcherExport';
import { MatcherReport } from './MatcherReport';
import { useMatcherArtifacts } from './use-matcher-artifacts';

/** A stored matcher run, as it was when it finished (also after a reload). */
export function MatcherRunView(p: RunViewProps<MatcherRunRecord>) {
  const { run } = p;
  const { model, result } = useMatcherArtifacts(run.id, run.status);
  const t = run.tables;
  const c = run.config;
  const tf = c.tfidf;
  return (
    <RunShell
      {...p}
      facts={[
        ['Tables', `${t.pairs.name} (pairs) · ${t.candidates.name} on ${run.columns.candidateId} · ${t.jobs.name} on ${run.columns.jobId}`],
        ['Sections', run.columns.sections.map((s, i) => `${s.name}: ${s.candidateColumn} ↔ ${s.jobColumn} (fixed ${c.fixedWeights[i]})`).join(' · ')],
        ['Targets', `label ${run.columns.label ?? '—'} · score ${run.columns.score ?? '—'} · learned by ${c.learnedMode}`],
        ['TF-IDF', `n-grams (1, ${tf.ngramRange[1]}) · ${sklearnDfText(tf).minDf} · ${sklearnDfText(tf).maxDf} · max_features ${tf.maxFeatures ?? 'all'} · stop words ${tf.stopWords ?? 'none'}${tf.sublinearTf ? ' · sublinear tf' : ''}`],
        ['Held out', `${Math.round(c.heldOutFraction * 100)}% of candidates (seed ${c.seed})`],
      ]}
    >
      {model && result ? <MatcherReport run={run} result={result} model={model} /> : run.status !== 'running' && <p className="muted">No stored result (the run did not finish).</p>}
      {model && result && <MatcherExport run={run} />}
    </RunShell>
  );
}
