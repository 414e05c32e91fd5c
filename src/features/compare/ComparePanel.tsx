import { useRuns } from '../../state/runs-store';
import { useTeam } from '../../state/team-store';
import { useComparableRuns } from './use-comparable-runs';
import { CompareTable } from './CompareTable';
import { CurveOverlay } from './CurveOverlay';
import { RunsTable } from './RunsTable';
import { usePinnedSeries } from './use-pinned-series';

/** Pin 2–8 runs from the table; their curves overlay (live while training) and their setups and metrics line up. */
export function ComparePanel() {
  const { runs, remote } = useComparableRuns();
  const teamError = useTeam((s) => (s.status === 'error' ? s.error : null));
  const pinnedIds = useRuns((s) => s.pinned);
  const error = useRuns((s) => s.error);
  const pinned = pinnedIds.map((id) => runs.find((r) => r.id === id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  const series = usePinnedSeries(pinned, remote);
  return (
    <section className="card" aria-label="Compare runs" data-testid="compare-panel">
      <h2>Compare runs</h2>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {pinned.length < 2 ? (
        <p className="muted" data-testid="compare-hint">
          Tick 2–8 runs below to overlay their curves and line up their setups ({pinned.length} pinned).
        </p>
      ) : (
        <>
          <CurveOverlay runs={pinned} series={series} />
          <CompareTable runs={pinned} series={series} />
        </>
      )}
      <h3>All runs{remote.size > 0 ? ` (with ${remote.size} from the team server, read-only)` : ''}</h3>
      {teamError && <p className="muted">Team runs are not shown: {teamError}</p>}
      <RunsTable runs={runs} remote={remote} />
    </section>
  );
}
