import type { RankerRunRecord } from '../../db/records';
import { poolLabels } from '../../db/labels-repo';
import type { DataSource } from '../../ml/recipe/recipe';

/**
 * The labels a ranker run trained on, carried in its recipe: they live in this browser only. Those
 * made before the run started, in the columns `kiln train` reads (id and labeled_at keep the order
 * training read them in); refused when some have been deleted since, as a resume is.
 */
export async function labelsAsOf(run: RankerRunRecord): Promise<DataSource> {
  const labels = (await poolLabels(run.datasetId)).filter((l) => l.labeledAt <= run.startedAt);
  if (labels.length < run.labelCount) throw new Error(`the pool's labels changed since this run (it trained on ${run.labelCount} labeled pairs, ${labels.length} of them are left): its recipe would train on other pairs`);
  return {
    kind: 'inline',
    name: `${run.datasetName} labels`,
    columns: {
      id: labels.map((l) => l.id),
      item_a: labels.map((l) => l.a),
      item_b: labels.map((l) => l.b),
      label: labels.map((l) => l.label),
      labeled_at: labels.map((l) => l.labeledAt),
    },
  };
}
