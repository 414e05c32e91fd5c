import { useRuns } from '../../state/runs-store';
import { useIsLive } from '../families/live';
import { familyOfRun } from '../families/registry';
import { SearchRunView } from '../tune/SearchRunView';

/** The open run, in its family's own view (a search, which is a study over runs, in the search view). */
export function RunView() {
  const open = useRuns((s) => s.open);
  const remove = useRuns((s) => s.remove);
  const close = useRuns((s) => s.closeRun);
  const live = useIsLive(open?.run.id ?? '');
  if (!open) return null;
  const { run, epochs, steps } = open;
  const onDelete = () => void remove(run.id);
  if (run.family === 'search') return <SearchRunView run={run} live={live} onClose={close} onDelete={onDelete} />;
  const family = familyOfRun(run);
  if (!family) return <p className="error-text">This run’s model family ({run.family}) is not known to this build of Kiln.</p>;
  const cut = run.status === 'user-stopped' || run.status === 'interrupted';
  const noResume = family.capabilities.checkpoints;
  return (
    <>
      <family.RunView run={run} epochs={epochs} steps={steps} live={live} onClose={close} onDelete={onDelete} />
      {/* where a stopped run of a checkpointing family offers Resume, this family says why it cannot */}
      {cut && noResume !== true && (
        <p className="note" data-testid="resume-unavailable">
          Resume: {noResume}
        </p>
      )}
    </>
  );
}
