import { useEffect, useMemo } from 'react';
import type { RunRecord } from '../../db/records';
import type { RemoteRun } from '../../team/api';
import { useRuns } from '../../state/runs-store';
import { useTeam } from '../../state/team-store';

/** A team run as the compare screens read runs: its full record once read from the server, else its summary. */
function asRecord(r: RemoteRun, detail: RunRecord | undefined): RunRecord {
  if (detail) return detail;
  return { id: r.id, name: r.name, family: r.family, status: r.status, tags: r.tags, notes: r.notes, finalMetrics: r.metrics, startedAt: r.startedAt ?? r.pushedAt, datasetName: r.datasetName ?? '', datasetId: '' } as unknown as RunRecord;
}

/**
 * This browser's runs and, when a team server is connected, the team's runs that are not here
 * too (read-only: `remote` says whose they are). A pinned team run's record and curves are read
 * from the server when it is pinned.
 */
export function useComparableRuns(): { runs: RunRecord[]; remote: Map<string, RemoteRun> } {
  const local = useRuns((s) => s.runs);
  const pinned = useRuns((s) => s.pinned);
  const remoteRuns = useTeam((s) => s.remoteRuns);
  const details = useTeam((s) => s.remoteDetail);
  const loadDetail = useTeam((s) => s.loadDetail);
  const out = useMemo(() => {
    const mine = new Set(local.map((r) => r.id));
    const remote = new Map(remoteRuns.filter((r) => !mine.has(r.id)).map((r) => [r.id, r]));
    return { runs: [...local, ...[...remote.values()].map((r) => asRecord(r, details[r.id]?.record))], remote };
  }, [local, remoteRuns, details]);
  useEffect(() => {
    for (const id of pinned) if (out.remote.has(id) && !details[id]) void loadDetail(id).catch(() => undefined);
  }, [pinned, out, details, loadDetail]);
  return out;
}
