import { useState } from 'react';
import type { RunRecord } from '../../db/records';
import { useRuns } from '../../state/runs-store';

/** Tags (Enter or comma adds, × removes) and a free note, saved to the run as they change. */
export function RunTagsNotes({ run }: { run: RunRecord }) {
  const setTags = useRuns((s) => s.setTags);
  const setNotes = useRuns((s) => s.setNotes);
  const [draft, setDraft] = useState('');
  const tags = run.tags ?? [];
  const add = () => {
    const more = draft.split(',').map((t) => t.trim()).filter(Boolean);
    if (more.length) void setTags(run.id, [...tags, ...more]);
    setDraft('');
  };
  return (
    <div className="run-tags" data-testid="run-tags">
      <span className="muted">Tags</span>
      {tags.map((t) => (
        <span key={t} className="badge" data-tag={t}>
          {t}{' '}
          <button type="button" className="link" aria-label={`remove tag ${t}`} onClick={() => void setTags(run.id, tags.filter((x) => x !== t))}>
            ×
          </button>
        </span>
      ))}
      <input
        aria-label="Add a tag"
        data-testid="run-tag-input"
        value={draft}
        placeholder="add tag"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          }
        }}
        onBlur={add}
      />
      <label className="wide">
        Notes
        <textarea key={run.id} data-testid="run-notes" defaultValue={run.notes ?? ''} rows={2} onBlur={(e) => e.target.value !== (run.notes ?? '') && void setNotes(run.id, e.target.value)} />
      </label>
    </div>
  );
}
