import type { ImportSummary } from '../../db/project-archive';

/** Lets React paint a progress line before the next synchronous step (zipping) holds the thread. */
export const paint = () => new Promise<void>((r) => setTimeout(r, 16));

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A file name part that every OS accepts. */
export const safeName = (s: string) => s.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'kiln';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const list = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

/** What an import changed: new records apart from the ones this browser already had (which the archive's copies replaced). */
export function summaryText(s: ImportSummary): string {
  const kinds = [
    ['run', s.runs, s.alreadyHere.runs],
    ['dataset', s.datasets, s.alreadyHere.datasets],
    ['label', s.labels, s.alreadyHere.labels],
    ['model version', s.versions, s.alreadyHere.versions],
    ['alias move', s.events + s.eventsAlreadyPresent, s.eventsAlreadyPresent],
  ] as const;
  const fresh = kinds.filter(([, n, here]) => n - here > 0).map(([what, n, here]) => plural(n - here, `new ${what}`));
  const known = kinds.filter(([, , here]) => here > 0).map(([what, , here]) => plural(here, what));
  if (fresh.length === 0 && known.length === 0) return 'The archive held nothing to import.';
  if (fresh.length === 0) return `Nothing new: the ${list(known)} in the archive were already here (the archive's copies replaced them).`;
  return `Imported ${list(fresh)}.${known.length > 0 ? ` Already here: ${list(known)} (the archive's copies replaced them).` : ''}`;
}
