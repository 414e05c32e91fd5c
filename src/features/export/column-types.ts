import { db } from '../../db/db';
import type { DType } from '../../ml/data/frame';

/** Each column's stored type for a dataset (empty when the dataset was deleted): the model card says how to feed each input from it. */
export async function columnTypes(datasetId: string): Promise<Map<string, DType>> {
  const d = await db.datasets.get(datasetId);
  return new Map((d?.stats ?? []).map((s) => [s.name, s.dtype]));
}
