import { db } from '../../db/db';
import type { RunRecord } from '../../db/records';
import { decisionThreshold } from '../../ml/metrics/threshold';

/**
 * The run's decision threshold as IndexedDB holds it now: the threshold panel saves shortly after
 * the last change, and an export started right after must not use the record a view rendered.
 */
export async function storedThreshold(run: Pick<RunRecord, 'id' | 'threshold'>): Promise<number> {
  const stored = await db.runs.get(run.id);
  return decisionThreshold(stored?.threshold ?? run.threshold);
}
