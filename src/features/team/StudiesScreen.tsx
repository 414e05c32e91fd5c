import { useEffect } from 'react';
import type { RemoteTrial, StudyDetail } from '../../team/study-api';
import { useConnect } from '../../state/connect-store';
import { useStudies, type TabWorker } from '../../state/studies-store';
import { DismissibleError } from '../shared/DismissibleError';

const num = (v: number | null) => (v === null ? '—' : v.toPrecision(4));

function TrialRow({ t }: { t: RemoteTrial }) {
  return (
    <tr data-testid="study-trial" data-number={t.number} data-state={t.state} data-worker={t.worker ?? ''} data-attempt={t.attempt}>
      <td>#{t.number}</td>
      <td>{t.state}</td>
      <td>{num(t.value)}</td>
      <td>{t.steps}</td>
      <td>{t.attempt}</td>
      <td>{t.worker ?? ''}</td>
      <td className="muted">{t.params ? Object.entries(t.params).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(3)) : String(v)}`).join(', ') : ''}</td>
    </tr>
  );
}

function TabWorkerLine({ w }: { w: TabWorker }) {
  return (
    <p className="note" data-testid="study-tab-worker" data-phase={w.phase} data-finished={w.finished} aria-live="polite">
      This tab ({w.name}): {w.phase}
      {w.trial !== null ? `, training trial #${w.trial}` : ''}; {w.finished} trial{w.finished === 1 ? '' : 's'} finished here{w.detail && w.phase !== 'done' ? ` · ${w.detail}` : ''}
      {w.error ? ` · ${w.error}` : ''}
    </p>
  );
}

function Study({ s }: { s: StudyDetail }) {
  const worker = useStudies((x) => x.worker);
  const join = useStudies((x) => x.join);
  const leave = useStudies((x) => x.leave);
  const mine = worker?.study === s.name ? worker : null;
  const busy = mine && (mine.phase === 'loading' || mine.phase === 'working' || mine.phase === 'stopping');
  const c = s.counts;
  return (
    <section className="card" data-testid="study" data-study={s.name} data-done={s.done} data-complete={c.complete} data-pruned={c.pruned}>
      <h3>
        {s.name} <span className="muted">{s.family} · {s.metric} ({s.direction})</span>
      </h3>
      <p data-testid="study-counts">
        {c.complete} complete, {c.pruned} pruned, {c.failed} failed, {c.running} running, {c.waiting} waiting of {s.trials}
        {s.best ? ` · best #${s.best.number} = ${num(s.best.value)}` : ''} · lease {s.leaseSeconds} s
      </p>
      {!s.done && (
        <div>
          {busy ? (
            <button type="button" data-testid="study-leave" disabled={mine.phase === 'stopping'} onClick={leave}>
              Leave the study
            </button>
          ) : (
            <button type="button" className="primary" data-testid="study-join" disabled={!!worker && (worker.phase === 'working' || worker.phase === 'loading')} onClick={() => void join(s.name)}>
              Join with this tab
            </button>
          )}
        </div>
      )}
      {mine && <TabWorkerLine w={mine} />}
      <table className="metrics" data-testid="study-trials">
        <thead>
          <tr>
            <th>Trial</th>
            <th>State</th>
            <th>{s.metric}</th>
            <th>Steps</th>
            <th>Attempt</th>
            <th>Worker</th>
            <th>Params</th>
          </tr>
        </thead>
        <tbody>
          {s.trialList.map((t) => (
            <TrialRow key={t.number} t={t} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The team's studies on the Kiln server: each one's trials live, and this tab joining one as a worker. */
export function StudiesScreen() {
  const connected = useConnect((s) => s.token !== '');
  const { studies, open, error, refresh, show } = useStudies();
  useEffect(() => {
    if (connected) void refresh();
    return () => void show(null);
  }, [connected, refresh, show]);
  if (!connected) return <p className="card note">Connect to a Kiln server (Connect to a database) to see the team's studies. Studies are made with `kiln tune create`.</p>;
  return (
    <div data-testid="studies-screen">
      <section className="card">
        <h2>Studies</h2>
        <DismissibleError error={error} onDismiss={() => useStudies.setState({ error: null })} testId="studies-error" />
        {studies.length === 0 ? (
          <p className="note">No study yet: `kiln tune create --study NAME --recipe recipe.json` makes one (a recipe is a run's "Download recipe").</p>
        ) : (
          <ul className="plain-list">
            {studies.map((s) => (
              <li key={s.name} data-testid="study-item" data-study={s.name}>
                <button type="button" aria-pressed={open?.name === s.name} onClick={() => void show(s.name)}>
                  {s.name}
                </button>{' '}
                <span className="muted">
                  {s.family} · {s.counts.complete + s.counts.pruned + s.counts.failed}/{s.trials} ended{s.best ? ` · best ${num(s.best.value)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
      </section>
      {open && <Study s={open} />}
    </div>
  );
}
