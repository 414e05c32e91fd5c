import { cellText, getColumn, isNumericColumn, type Frame } from './frame';

/** Column names that hold what a person calls a row, best first (compared lower-cased). */
const TITLE_NAMES = ['title', 'name', 'full_name', 'display_name', 'job_title', 'headline', 'label', 'item_name', 'project_name', 'repo_name'];

/**
 * The text column that names a row (a job's title, a candidate's or a project's name), or null
 * when the table has none: a long description is no title, so only title- or name-like columns
 * count, never the id column itself. A column named after the id's own prefix wins (job_id →
 * job_title); `ownOnly` keeps to those, for a table holding two kinds of item (a scores table
 * with candidate_id and job_id, where "title" may be the job's).
 */
export function titleColumn(frame: Frame, idColumn: string, ownOnly = false): string | null {
  const text = frame.columns.filter((c) => c.name !== idColumn && !isNumericColumn(c));
  const prefix = idColumn.toLowerCase().replace(/_?id$/, '');
  if (prefix !== '') {
    const own = text.find((x) => new RegExp(`^${prefix.replace(/[^a-z0-9]/g, '.')}_?(title|name|full_name|display_name)$`).test(x.name.toLowerCase()));
    if (own) return own.name;
  }
  if (ownOnly) return null;
  for (const n of TITLE_NAMES) {
    const c = text.find((x) => x.name.toLowerCase() === n);
    if (c) return c.name;
  }
  return text.find((x) => /(^|_)(title|name)(_|$)/i.test(x.name))?.name ?? null;
}

/** id → title for every row with both (the first row of an id wins); empty when there is no title column. */
export function itemTitles(frame: Frame, idColumn: string, ownOnly = false): Map<string, string> {
  const out = new Map<string, string>();
  const col = titleColumn(frame, idColumn, ownOnly);
  if (col === null || !frame.columns.some((c) => c.name === idColumn)) return out;
  const ids = getColumn(frame, idColumn);
  const titles = getColumn(frame, col);
  for (let r = 0; r < frame.rowCount; r++) {
    const id = cellText(ids, r);
    const t = cellText(titles, r);
    if (id !== null && t !== null && t.trim() !== '' && !out.has(id)) out.set(id, t);
  }
  return out;
}
