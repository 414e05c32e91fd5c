import { getColumn, isNumericColumn, type Column, type Frame } from '../../data/frame';
import { parseDatetime } from '../../data/infer-types';
import type { AbbreviationMap } from './titles';
import { normalizeTitle } from './titles';

/** One role in a work history: the title as typed and normalized, dates as epoch ms (UTC). */
export interface Role {
  raw: string;
  title: string;
  start: number;
  /** null while the role is ongoing */
  end: number | null;
}

export interface EntityHistory {
  id: string;
  /** chronological (by start date, then end date) */
  roles: Role[];
}

/** Where the work histories are: one JSON array per row, or one row per role. */
export type HistorySource =
  | { shape: 'json'; idColumn: string; historyColumn: string }
  | { shape: 'long'; idColumn: string; titleColumn: string; startColumn: string; endColumn: string };

export interface HistoryBuild {
  entities: EntityHistory[];
  /** roles skipped (no title or no start date), with the first few reasons */
  skippedRoles: number;
  problems: string[];
}

function dateOf(col: Column, row: number): number {
  if (isNumericColumn(col)) return col.values[row];
  const v = col.values[row];
  return v === null || v === '' ? NaN : parseDatetime(v);
}

function textOf(col: Column, row: number): string | null {
  if (isNumericColumn(col)) return Number.isNaN(col.values[row]) ? null : String(col.values[row]);
  return col.values[row];
}

function byTime(a: Role, b: Role): number {
  return a.start - b.start || (a.end ?? Infinity) - (b.end ?? Infinity);
}

/** A table column names its row as the spreadsheet shows it: data row r is line r + 2 in a CSV with a header. */
const where = (source: string, row: number, column: string) => `${source}, row ${row + 1}, column "${column}"`;

/**
 * Builds chronological histories. Bad cells never stop the build: a role without a title or
 * a start date is skipped and counted, and a history that is not a JSON array fails with the
 * row and column named, since that usually means the wrong column was picked.
 */
export function buildHistories(frame: Frame, source: HistorySource, abbreviations: AbbreviationMap, sourceName = 'dataset'): HistoryBuild {
  const problems: string[] = [];
  let skippedRoles = 0;
  const skip = (msg: string) => {
    skippedRoles++;
    if (problems.length < 5) problems.push(msg);
  };
  const ids = getColumn(frame, source.idColumn);
  const byId = new Map<string, Role[]>();
  const rolesOf = (id: string) => {
    let rs = byId.get(id);
    if (!rs) byId.set(id, (rs = []));
    return rs;
  };

  if (source.shape === 'json') {
    const hist = getColumn(frame, source.historyColumn);
    for (let row = 0; row < frame.rowCount; row++) {
      const id = textOf(ids, row);
      if (id === null) continue;
      const text = textOf(hist, row);
      if (text === null || text === '') {
        rolesOf(id);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${where(sourceName, row, source.historyColumn)}: the work history is not valid JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
      }
      if (!Array.isArray(parsed)) throw new Error(`${where(sourceName, row, source.historyColumn)}: the work history must be a JSON array of {title, start_date, end_date}`);
      const rs = rolesOf(id);
      parsed.forEach((item: unknown, k) => {
        const o = (item ?? {}) as Record<string, unknown>;
        const raw = typeof o.title === 'string' ? o.title : '';
        const title = normalizeTitle(raw, abbreviations);
        const start = typeof o.start_date === 'string' ? parseDatetime(o.start_date) : NaN;
        const end = typeof o.end_date === 'string' ? parseDatetime(o.end_date) : NaN;
        if (!title) return skip(`${where(sourceName, row, source.historyColumn)}: role ${k + 1} has no title`);
        if (Number.isNaN(start)) return skip(`${where(sourceName, row, source.historyColumn)}: role ${k + 1} ("${raw}") has no valid start_date`);
        rs.push({ raw, title, start, end: Number.isNaN(end) ? null : end });
      });
    }
  } else {
    const titles = getColumn(frame, source.titleColumn);
    const starts = getColumn(frame, source.startColumn);
    const ends = getColumn(frame, source.endColumn);
    for (let row = 0; row < frame.rowCount; row++) {
      const id = textOf(ids, row);
      if (id === null) continue;
      const raw = textOf(titles, row) ?? '';
      const title = normalizeTitle(raw, abbreviations);
      const start = dateOf(starts, row);
      const end = dateOf(ends, row);
      if (!title) skip(`${where(sourceName, row, source.titleColumn)}: no title`);
      else if (Number.isNaN(start)) skip(`${where(sourceName, row, source.startColumn)}: no valid start date for "${raw}"`);
      else rolesOf(id).push({ raw, title, start, end: Number.isNaN(end) ? null : end });
    }
  }
  const entities = [...byId.entries()].map(([id, roles]) => ({ id, roles: roles.sort(byTime) }));
  return { entities, skippedRoles, problems };
}

/**
 * The date an entity is split on: the end of its latest finished role (an ongoing role has no
 * end yet), or its latest start when no role has ended.
 */
export function latestEndDate(e: EntityHistory): number {
  let end = -Infinity;
  let start = -Infinity;
  for (const r of e.roles) {
    if (r.end !== null) end = Math.max(end, r.end);
    start = Math.max(start, r.start);
  }
  return end > -Infinity ? end : start;
}
