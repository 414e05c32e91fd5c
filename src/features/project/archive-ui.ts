import type { ImportSummary } from '../../db/project-archive';

/** Lets React paint a progress line before the next synchronous step (zipping) holds the thread. */
export const paint = () => new Promise<void>((r) => setTimeout(r, 16));

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A file name part that every OS accepts. */
export const safeName = (s: string) => s.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'kiln';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryText(s: ImportSummary): string {
  const moves = `${plural(s.events, 'alias move')}${s.eventsAlreadyPresent ? ` (${s.eventsAlreadyPresent} already here)` : ''}`;
  return `Imported ${plural(s.runs, 'run')}, ${plural(s.datasets, 'dataset')}, ${plural(s.labels, 'label')}, ${plural(s.versions, 'model version')}, ${moves}.`;
}
