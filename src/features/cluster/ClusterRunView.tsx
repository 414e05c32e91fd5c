import type { ClusterRunRecord } from '../../db/records';
import { RunShell } from '../runs/RunShell';
import type { RunViewProps } from '../families/contract';
import { ClusterExport } from './ClusterExport';
import { ClusterReportView } from './ClusterReportView';
import { StabilityPanel } from './StabilityPanel';
import { useClusterArtifacts } from './use-cluster-artifacts';

export function clusterFacts(run: ClusterRunRecord): [string, string][] {
  const c = run.config;
  const f = c.features;
  return [
    ['Model', `${run.modelId || '—'} · version ${run.version || '—'} · run ${run.id}`],
    ['Features', [f.text.length ? `TF-IDF of ${f.text.join(' + ')} (max ${c.tfidf.maxFeatures} terms)` : '', f.numeric.length ? `z-scores of ${f.numeric.join(', ')}` : '', f.embedding ? `embedding ${f.embedding}` : ''].filter(Boolean).join(' · ')],
    ['k-means', `k ${c.k} · seed ${c.seed} · ${c.nInit} starts · max ${c.maxIter} iterations · tol ${c.tol} · ${c.algorithm}`],
    ['Rows', `${Math.round(c.heldOutFraction * 100)}% held out${c.subsample < 1 ? ` · fitted on a ${Math.round(c.subsample * 100)}% subsample (seed ${c.subsampleSeed})` : ''}`],
  ];
}

/** A stored clustering run, as it was when it finished (also after a reload), with stability against other runs. */
export function ClusterRunView(p: RunViewProps<ClusterRunRecord>) {
  const { run } = p;
  const { model, report } = useClusterArtifacts(run.id, run.status);
  return (
    <RunShell {...p} facts={clusterFacts(run)}>
      {model && report ? <ClusterReportView model={model} report={report} /> : run.status !== 'running' && <p className="muted">No stored result (the run did not finish).</p>}
      {model && report && (
        <>
          <h3>Stability</h3>
          <StabilityPanel run={run} />
          <ClusterExport run={run} />
        </>
      )}
    </RunShell>
  );
}
