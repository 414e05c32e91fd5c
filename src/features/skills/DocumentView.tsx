import { useState, type ReactNode } from 'react';
import type { SkillHit, SkillSpan } from '../../ml/skills/extract';
import type { PerDocument } from '../../ml/metrics/multilabel';

/** What a highlight's tooltip says: the skill, the strategies that found it, the confidence, the term matched. */
export function spanTitle(skill: string, s: SkillSpan): string {
  const edits = s.edits ? ` (${s.edits} edit${s.edits === 1 ? '' : 's'})` : '';
  return `${skill} · ${s.strategies.join(' + ')} · confidence ${s.confidence.toFixed(2)} · matched "${s.term}"${edits}`;
}

/** The text with each hit's spans marked; spans never overlap (extractSkills settles that). */
export function HighlightedText({ text, hits }: { text: string; hits: SkillHit[] }) {
  const spans = hits.flatMap((h) => h.spans.map((s) => ({ skill: h.skill, s }))).sort((a, b) => a.s.start - b.s.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { skill, s } of spans) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={`${s.start}-${s.end}`} className={`skill-mark skill-${s.strategies[0]}`} title={spanTitle(skill, s)} data-testid="skill-mark" data-skill={skill} data-strategies={s.strategies.join(' ')} data-confidence={s.confidence}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <p className="skill-text">{parts}</p>;
}

/** One document at a time: its highlighted text, its skills, and against gold its misses and false hits. */
export function DocumentView({ texts, hits, perDocument }: { texts: (string | null)[]; hits: SkillHit[][]; perDocument: PerDocument[] | null }) {
  const [row, setRow] = useState(0);
  const n = texts.length;
  const r = Math.min(row, Math.max(0, n - 1));
  if (n === 0) return null;
  const doc = perDocument?.[r];
  const nextWithErrors = () => {
    if (!perDocument) return;
    for (let k = 1; k <= n; k++) {
      const i = (r + k) % n;
      if (perDocument[i].misses.length || perDocument[i].falseHits.length) return setRow(i);
    }
  };
  return (
    <div data-testid="skills-doc" data-row={r}>
      <p>
        <button type="button" data-testid="doc-prev" disabled={r === 0} onClick={() => setRow(r - 1)}>
          ‹
        </button>{' '}
        Row{' '}
        <input type="number" aria-label="Row" data-testid="doc-row" min={1} max={n} value={r + 1} onChange={(e) => setRow(Math.max(0, Math.min(n - 1, Number(e.target.value) - 1 || 0)))} /> of {n}{' '}
        <button type="button" data-testid="doc-next" disabled={r >= n - 1} onClick={() => setRow(r + 1)}>
          ›
        </button>{' '}
        {perDocument && (
          <button type="button" data-testid="doc-next-error" onClick={nextWithErrors}>
            Next with a miss or false hit
          </button>
        )}
      </p>
      {texts[r] === null ? <p className="muted">(empty)</p> : <HighlightedText text={texts[r] as string} hits={hits[r] ?? []} />}
      <p data-testid="doc-skills">
        Found: {(hits[r] ?? []).map((h) => `${h.skill} (${h.strategies.join('+')}, ${h.confidence.toFixed(2)})`).join(', ') || 'none'}
      </p>
      {doc && (
        <p data-testid="doc-errors" data-misses={doc.misses.length} data-false-hits={doc.falseHits.length}>
          P {doc.precision.toFixed(3)} · R {doc.recall.toFixed(3)} · F1 {doc.f1.toFixed(3)} · <span data-testid="doc-misses">missed: {doc.misses.join(', ') || 'none'}</span> ·{' '}
          <span data-testid="doc-false-hits">false hits: {doc.falseHits.join(', ') || 'none'}</span>
        </p>
      )}
    </div>
  );
}
