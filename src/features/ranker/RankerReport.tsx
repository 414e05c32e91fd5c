import type { RankerRunRecord } from '../../db/records';
import { MetricsTable } from '../train/MetricsTable';
import { useItemTitles } from '../datasets/use-item-titles';
import { RankedList, useRankerResult } from './RankedList';
import { RankerExport } from './RankerExport';
import { fewPairsWarning } from '../../ml/models/ranker/few-pairs';

/** A finished ranker run: held-out pair metrics, the split, the ranked pool and the export. */
export function RankerReport({ run, version }: { run: RankerRunRecord; version?: unknown }) {
  const result = useRankerResult(run.id, version);
  const titles = useItemTitles(run.datasetId, run.pool.idColumn);
  if (!result) return null;
  const r = result.report;
  const v = r.validation;
  const few = fewPairsWarning(v.pairs);
  return (
    <div data-testid="ranker-report">
      <div className="charts">
        <MetricsTable
          caption={`Held-out pairs (${v.pairs}: ${v.decisive} decisive, ${v.ties} ties)`}
          metrics={{ pairwise_accuracy: v.accuracy, kendall_tau: v.kendallTau, tie_agreement: v.tieAgreement, margin_loss: v.loss, train_pairwise_accuracy: r.train.accuracy, ...(r.ndcg ? { [`ndcg@${r.ndcg.k}`]: r.ndcg.pool, ...(r.ndcg.heldOut !== null ? { [`ndcg@${r.ndcg.k}_held_out_items`]: r.ndcg.heldOut } : {}) } : {}) }}
        />
        <p className="muted">
          Split by {r.split.by}: {r.split.train} training pairs, {r.split.validation} held out
          {r.split.by === 'item' ? ` (${r.split.heldOutItems} held-out items; ${r.split.dropped} pairs straddling the split unused)` : ''} · {result.labels.used} labels used
          {result.labels.missing ? `, ${result.labels.missing} naming items no longer in the pool` : ''}. Kendall's tau-b is between the labels (−1, 0, 1) and the score differences.
        </p>
      </div>
      {few && (
        <p className="error-text" role="alert" data-testid="ranker-few-pairs" data-pairs={v.pairs}>
          {few}
        </p>
      )}
      <RankedList result={result} titles={titles} />
      <RankerExport run={run} />
    </div>
  );
}
