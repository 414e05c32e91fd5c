import { DismissibleError } from '../shared/DismissibleError';
import type { ReactNode } from 'react';
import type { RunRecord } from '../../db/records';
import { RunHead } from './RunHead';
import { RunTiming } from './RunTiming';
import { RunTagsNotes } from './RunTagsNotes';
import { ExportRunButton } from '../project/ExportRunButton';
import { RegisterRun } from '../registry/RegisterRun';
import { PushRun } from '../team/PushRun';
import { RecipeButtons } from './RecipeButtons';
import { useRuns } from '../../state/runs-store';

/**
 * The frame of every stored run's view: head (close, delete), status, the family's own facts,
 * backend and timing, the run's message, then the family's charts and report.
 */
export function RunShell(p: { run: RunRecord; live: boolean; onClose: () => void; onDelete: () => void; facts: [string, ReactNode][]; epochsStored?: number; unit?: string; children: ReactNode }) {
  const { run } = p;
  const error = useRuns((s) => s.error);
  const dismiss = useRuns((s) => s.dismissError);
  return (
    <section className="card" data-testid="run-view" data-run-id={run.id}>
      <RunHead runId={run.id} name={run.name} live={p.live} onClose={p.onClose} onDelete={p.onDelete} />
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="run-status">{run.status}</dd>
        {p.facts.map(([label, value]) => (
          <div key={label} className="fact-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {p.epochsStored !== undefined && <RunTiming run={run} epochsStored={p.epochsStored} unit={p.unit} />}
      </dl>
      {run.message && <p className="note">{run.message}</p>}
      <DismissibleError error={error} onDismiss={dismiss} testId="runs-error" />
      <RunTagsNotes run={run} />
      <ExportRunButton run={run} />
      <PushRun run={run} />
      <RecipeButtons run={run} />
      {/* a search is not a model: its best trial is trained as a run, and that run is registered */}
      {run.family !== 'search' && <RegisterRun key={run.id} run={run} />}
      {p.children}
    </section>
  );
}
