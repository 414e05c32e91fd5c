import { useEffect, useRef } from 'react';
import { cellText, getColumn, type Frame } from '../../../ml/data/frame';
import type { PairValue } from '../../../ml/models/ranker/labels';
import { useLabeling } from '../../../state/ranker-labeling-store';

/** Text being typed keeps its keys; a focused checkbox or radio does not (its arrow keys would change it instead of labeling). */
function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'range'].includes(t.type);
  return t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable;
}

/** The keys of the labeling view; a key typed into the note field is text, not a label. */
function useLabelKeys() {
  const answer = useLabeling((s) => s.answer);
  const skip = useLabeling((s) => s.skip);
  const undo = useLabeling((s) => s.undo);
  const toggleTag = useLabeling((s) => s.toggleTag);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey || e.metaKey) return;
      const k = e.key;
      const choose = (v: PairValue) => {
        e.preventDefault();
        void answer(v);
      };
      if ((e.ctrlKey && k.toLowerCase() === 'z') || (!e.ctrlKey && k.toLowerCase() === 'u')) {
        e.preventDefault();
        void undo();
      } else if (e.ctrlKey) {
        return;
      } else if (k === 'ArrowLeft' || k.toLowerCase() === 'a') choose(1);
      else if (k === 'ArrowRight' || k.toLowerCase() === 'b') choose(-1);
      else if (k === 'ArrowDown' || k === '=') choose(0);
      else if (k.toLowerCase() === 's') {
        e.preventDefault();
        skip();
      } else if (/^[1-9]$/.test(k)) {
        e.preventDefault();
        toggleTag(Number(k) - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [answer, skip, undo, toggleTag]);
}

function ItemCard({ frame, row, columns, side, onPick }: { frame: Frame; row: number; columns: string[]; side: 'A' | 'B'; onPick: () => void }) {
  return (
    <article className="item-card" data-testid={`card-${side}`}>
      <header>
        <strong>{side}</strong>
        <button type="button" onClick={onPick} data-testid={`pick-${side}`}>
          {side} is better ({side === 'A' ? '← / A' : '→ / B'})
        </button>
      </header>
      <dl className="facts">
        {columns.map((c) => (
          <div key={c}>
            <dt>{c}</dt>
            <dd>{cellText(getColumn(frame, c), row) ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

/** A vs B, ties, skip and undo by keyboard; every label is in IndexedDB before the next pair shows. */
export function LabelingView() {
  useLabelKeys();
  const s = useLabeling();
  const section = useRef<HTMLElement>(null);
  // keys go to the labeling view from the start, not to the control that opened it
  useEffect(() => section.current?.focus(), []);
  const { pool, record, frame, queue, labels } = s;
  if (!pool || !record || !frame) return null;
  const pair = queue[0];
  const covered = new Set(labels.flatMap((l) => [l.a, l.b])).size;
  return (
    <section ref={section} tabIndex={-1} className="card labeling" aria-label="Pairwise labeling: ← or A when A is better, → or B when B is better, ↓ or = for equal, S skips, U or Ctrl+Z undoes, 1–9 toggle reason tags" data-testid="labeling-view" data-labels={labels.length}>
      <div className="progress-row">
        <span data-testid="label-progress">
          {labels.length} / {record.target} labeled · {covered} of {pool.ids.length} items seen
        </span>
        <progress max={record.target} value={Math.min(labels.length, record.target)} />
      </div>
      {s.samplerNote && <p className="note">{s.samplerNote}</p>}
      {pair ? (
        <>
          <div className="pair" data-testid="pair" data-a={pool.ids[pair.a]} data-b={pool.ids[pair.b]}>
            <ItemCard frame={frame} row={pair.a} columns={record.spec.displayColumns} side="A" onPick={() => void s.answer(1)} />
            <ItemCard frame={frame} row={pair.b} columns={record.spec.displayColumns} side="B" onPick={() => void s.answer(-1)} />
          </div>
          <div className="train-actions">
            <button type="button" onClick={() => void s.answer(0)} data-testid="pick-tie">
              Equal (↓ / =)
            </button>
            <button type="button" onClick={s.skip} data-testid="skip">
              Skip (S)
            </button>
            <button type="button" onClick={() => void s.undo()} disabled={s.undoStack.length === 0} data-testid="undo">
              Undo (U / Ctrl+Z)
            </button>
            {pair.gap !== undefined && <span className="muted">score gap {pair.gap.toFixed(3)}</span>}
          </div>
          <div className="tags" role="group" aria-label="Reason tags">
            {record.reasonTags.map((t, i) => (
              <label key={t} className="check" data-testid={`tag-${t}`} data-on={s.tags.includes(t)}>
                <input type="checkbox" checked={s.tags.includes(t)} onChange={() => s.toggleTag(i)} />
                {i < 9 ? `${i + 1} ` : ''}
                {t}
              </label>
            ))}
          </div>
          <label className="field">
            Note (optional)
            <input type="text" value={s.note} onChange={(e) => s.setNote(e.target.value)} data-testid="label-note" placeholder="why, in a few words" />
          </label>
        </>
      ) : (
        <p className="muted" data-testid="pool-exhausted">
          Every pair of this pool is labeled or skipped.
        </p>
      )}
    </section>
  );
}
