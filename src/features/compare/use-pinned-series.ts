import { useEffect, useState } from 'react';
import type { EpochMetricRecord, RunRecord } from '../../db/records';
import { runSeries } from '../../db/runs-repo';
import type { RemoteRun } from '../../team/api';
import { useTeam } from '../../state/team-store';

/** Epoch series of the pinned runs; re-read every 2 s while any of them is still training, so the overlay is live. */
export function usePinnedSeries(runs: RunRecord[], remote: ReadonlyMap<string, RemoteRun>): Record<string, EpochMetricRecord[]> {
  const [local, setSeries] = useState<Record<string, EpochMetricRecord[]>>({});
  const details = useTeam((s) => s.remoteDetail);
  const key = runs.map((r) => `${r.id}:${r.status}`).join(',');
  const live = runs.some((r) => r.status === 'running');
  useEffect(() => {
    let alive = true;
    const read = async () => {
      const out: Record<string, EpochMetricRecord[]> = {};
      for (const r of runs) if (!remote.has(r.id)) out[r.id] = (await runSeries(r.id)).epochs;
      if (alive) setSeries(out);
    };
    void read();
    const timer = live ? setInterval(() => void read(), 2000) : undefined;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures the runs and their status
  }, [key, live]);
  const series = { ...local };
  // a team run's curves come with its record from the server
  for (const r of runs) if (remote.has(r.id)) series[r.id] = details[r.id]?.epochs ?? [];
  return series;
}
