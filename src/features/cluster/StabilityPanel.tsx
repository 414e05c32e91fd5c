import { useEffect, useMemo, useState } from 'react';
import type { ClusterRunRecord } from '../../db/records';
import type { Stability } from '../../ml/metrics/cluster-matching';
import { runStability } from '../../ml/models/cluster/stability';
import { SUBSAMPLE_SHARE, useCluster } from '../../state/cluster-store';
import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';
import { clusterColour } from './ClusterReportView';
import { loadClusterArtifacts } from './use-cluster-artifacts';

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');

/**
 * Agreement with another clustering run on the same dataset (another seed, or this run's rerun on
 * a 90% subsample), over the rows both fitted: ARI, NMI, AMI, and per cluster its best Jaccard
 * partner and whether it stayed, split, merged or dissolved.
 */
export function StabilityPanel({ run }: { run: ClusterRunRecord }) {
  const runs = useRuns((s) => s.runs);
  const others = useMemo(() => runs.filter((r): r is ClusterRunRecord => r.family === 'cluster' && r.id !== run.id && r.datasetId === run.datasetId && r.status === 'completed'), [runs, run.id, run.datasetId]);
  const dataset = useDatasets((s) => s.datasets.find((d) => d.id === run.datasetId));
  const rerun = useCluster((s) => s.rerunSubsample);
  const phase = useCluster((s) => s.phase);
  const busy = phase === 'starting' || phase === 'training' || phase === 'saving';
  // a subsample rerun of this run (or the run this one reran) is the natural partner; else the newest other run (runs are listed newest first)
  const preferred = others.find((r) => r.subsampleOf === run.id) ?? others.find((r) => r.id === run.subsampleOf) ?? others[0];
  const [picked, setPicked] = useState<string | null>(null);
  const otherId = picked && others.some((r) => r.id === picked) ? picked : (preferred?.id ?? null);
  const [result, setResult] = useState<{ id: string; s: Stability } | { id: string; error: string } | null>(null);
  useEffect(() => {
    let live = true;
    if (!otherId) return;
    void Promise.all([loadClusterArtifacts(run.id), loadClusterArtifacts(otherId)]).then(([a, b]) => {
      if (!live) return;
      if (!a.model || !b.model) return setResult({ id: otherId, error: 'one of the runs has no stored clustering' });
      try {
        setResult({ id: otherId, s: runStability(a.model, b.model) });
      } catch (e) {
        setResult({ id: otherId, error: e instanceof Error ? e.message : String(e) });
      }
    });
    return () => {
      live = false;
    };
  }, [run.id, otherId]);
  const shown = result && result.id === otherId ? result : null;
  return (
    <div className="stability" data-testid="cluster-stability-panel">
      <div className="train-actions">
        <label>
          Compare with{' '}
          <select data-testid="cluster-stability-other" value={otherId ?? ''} onChange={(e) => setPicked(e.target.value || null)}>
            {others.length === 0 && <option value="">(no other finished clustering run on this dataset)</option>}
            {others.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="cluster-rerun-subsample" disabled={busy || !dataset} onClick={() => dataset && void rerun(run, dataset)}>
          Rerun on {Math.round(SUBSAMPLE_SHARE * 100)}% subsample
        </button>
      </div>
      {shown && 'error' in shown && <p className="error-text">{shown.error}</p>}
      {shown && 's' in shown && (
        <div
          data-testid="cluster-stability"
          data-other={shown.id}
          data-ari={String(shown.s.adjusted_rand_score)}
          data-nmi={String(shown.s.normalized_mutual_info_score)}
          data-ami={String(shown.s.adjusted_mutual_info_score)}
          data-shared={shown.s.sharedRows}
          data-mean-jaccard={String(shown.s.meanJaccard)}
        >
          <p>
            On {shown.s.sharedRows.toLocaleString()} shared rows: <strong>ARI {f3(shown.s.adjusted_rand_score)}</strong> · NMI {f3(shown.s.normalized_mutual_info_score)} · AMI {f3(shown.s.adjusted_mutual_info_score)} · mean best Jaccard{' '}
            {f3(shown.s.meanJaccard)}
          </p>
          <table className="data-table" data-testid="cluster-matching">
            <thead>
              <tr>
                <th>Cluster (this run)</th>
                <th>Rows</th>
                <th>Best match (other run)</th>
                <th>Jaccard</th>
                <th>Fate</th>
                <th>Where its rows went</th>
              </tr>
            </thead>
            <tbody>
              {shown.s.a.map((m) => (
                <tr key={m.cluster} data-testid={`cluster-match-${m.cluster}`} data-fate={m.fate} data-jaccard={String(m.jaccard)}>
                  <td>
                    <span className="swatch" style={{ background: clusterColour(m.cluster) }} /> {m.cluster}
                  </td>
                  <td>{m.size}</td>
                  <td>{m.match}</td>
                  <td>{f3(m.jaccard)}</td>
                  <td>{m.fate}</td>
                  <td>{m.parts.map((p) => `${p.cluster} (${Math.round(p.share * 100)}%)`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
