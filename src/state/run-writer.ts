import { storageErrorMessage } from '../db/db';
import { appendMetrics } from '../db/runs-repo';
import type { RunMetricRecord } from '../db/records';

/**
 * The write path of a live run. Writes to IndexedDB happen in event order on one chain, so
 * 'done' never overtakes the last epoch; metric points are buffered and written in one bulkPut
 * per turn of the chain, so a fast run never leaves the chain behind. A failed write reports
 * through `onError` (a full disk names what could not be saved) and the chain goes on.
 */
export interface RunWriter {
  persist: (what: string, f: () => Promise<void>) => void;
  queueMetric: (rec: RunMetricRecord) => void;
}

export function createRunWriter(onError: (message: string) => void): RunWriter {
  let writes: Promise<void> = Promise.resolve();
  const persist = (what: string, f: () => Promise<void>) => {
    writes = writes.then(f).catch((e: unknown) => onError(storageErrorMessage(e, what)));
  };
  const buffered: RunMetricRecord[] = [];
  let flushQueued = false;
  const queueMetric = (rec: RunMetricRecord) => {
    buffered.push(rec);
    if (flushQueued) return;
    flushQueued = true;
    persist('the loss curves', async () => {
      flushQueued = false;
      await appendMetrics(buffered.splice(0));
    });
  };
  return { persist, queueMetric };
}
