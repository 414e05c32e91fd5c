/**
 * Section texts of candidates and jobs. A work-history cell (a JSON array of roles, as the demo
 * `candidates.work_history` holds) is flattened into experience text: each role's title, company
 * and description, most recent first; any other cell is used as it is.
 */
export interface SectionSpec {
  name: string;
  candidateColumn: string;
  jobColumn: string;
}

/** The sections our users match on, with their usual fixed weights. */
export const DEFAULT_SECTION_WEIGHTS: Record<string, number> = { skills: 0.4, experience: 0.4, education: 0.2 };

const ROLE_FIELDS = ['title', 'company', 'description', 'summary', 'responsibilities'];

export function flattenWorkHistory(cell: string | null): string {
  if (cell === null) return '';
  const t = cell.trim();
  if (!t.startsWith('[')) return cell;
  let roles: unknown;
  try {
    roles = JSON.parse(t);
  } catch {
    return cell;
  }
  if (!Array.isArray(roles)) return cell;
  const items = roles.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  const start = (r: Record<string, unknown>) => String(r.start_date ?? r.start ?? '');
  return [...items]
    .sort((a, b) => (start(a) < start(b) ? 1 : start(a) > start(b) ? -1 : 0))
    .map((r) => ROLE_FIELDS.map((f) => r[f]).filter((v): v is string => typeof v === 'string' && v !== '').join(' '))
    .filter((s) => s !== '')
    .join('. ');
}
