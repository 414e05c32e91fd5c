/**
 * Date formats. Like numbers, a column's date format is decided once for the whole column: a
 * day-first and a month-first reading of "03/04/2024" differ, and only the other rows can tell
 * which one the file uses ("13/04/2024" can only be day-first, "04/13/2024" only month-first).
 *
 * The rule: formats are tried in the order of DATE_FORMATS and the first one that reads every
 * value wins. Day-first comes before month-first, so a column where no day is above 12 reads
 * day-first (as most of the world writes it) and is flagged `ambiguous`, which the preview says
 * next to the format so the user can switch it to mm/dd/yyyy.
 *
 * Every date is read as UTC midnight (a time, when given, as UTC too unless it carries a zone),
 * so a split cut by date never moves with the browser's time zone. A date that does not exist
 * (31.02.2024) does not read.
 */
export type DateFormatId = 'iso' | 'yyyy/mm/dd' | 'dd.mm.yyyy' | 'dd/mm/yyyy' | 'mm/dd/yyyy' | 'dd-mm-yyyy' | 'mm-dd-yyyy' | 'dd.mm.yy';

export const DATE_FORMATS: readonly DateFormatId[] = ['iso', 'yyyy/mm/dd', 'dd.mm.yyyy', 'dd/mm/yyyy', 'mm/dd/yyyy', 'dd-mm-yyyy', 'mm-dd-yyyy', 'dd.mm.yy'];

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
const PATTERNS: Record<Exclude<DateFormatId, 'iso'>, { re: RegExp; order: 'ymd' | 'dmy' | 'mdy'; shortYear?: boolean }> = {
  'yyyy/mm/dd': { re: new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})${TIME}$`), order: 'ymd' },
  'dd.mm.yyyy': { re: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TIME}$`), order: 'dmy' },
  'dd/mm/yyyy': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), order: 'dmy' },
  'mm/dd/yyyy': { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), order: 'mdy' },
  'dd-mm-yyyy': { re: new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${TIME}$`), order: 'dmy' },
  'mm-dd-yyyy': { re: new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${TIME}$`), order: 'mdy' },
  'dd.mm.yy': { re: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2})${TIME}$`), order: 'dmy', shortYear: true },
};

function utc(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  if (m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 || ss > 59) return NaN;
  const t = Date.UTC(y, m - 1, d, hh, mm, ss);
  // Date.UTC rolls 31.02 over into March; a date that does not exist is not a date
  return new Date(t).getUTCDate() === d ? t : NaN;
}

function parseIso(s: string): number {
  const m = ISO.exec(s);
  if (!m) return NaN;
  const day = utc(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  if (Number.isNaN(day)) return NaN;
  if (!m[4]) return day;
  // a time without zone is UTC, as above; with one, the platform's parser applies it
  const withZone = m[8] ? s : `${s.replace(' ', 'T')}Z`;
  return Date.parse(withZone.replace(' ', 'T'));
}

/** One cell read as a date in a given format: epoch milliseconds (UTC), NaN when it does not read. */
export function parseDateAs(cell: string, id: DateFormatId): number {
  const s = cell.trim();
  if (id === 'iso') return parseIso(s);
  const p = PATTERNS[id];
  const m = p.re.exec(s);
  if (!m) return NaN;
  const [a, b, c] = [+m[1], +m[2], +m[3]];
  const time = [m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0] as const;
  if (p.order === 'ymd') return utc(a, b, c, ...time);
  // two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (POSIX strptime's %y pivot)
  const year = p.shortYear ? (c < 69 ? 2000 + c : 1900 + c) : c;
  return p.order === 'dmy' ? utc(year, b, a, ...time) : utc(year, a, b, ...time);
}

export interface DetectedDateFormat {
  format: DateFormatId;
  /** no value told day-first from month-first (no day above 12) */
  ambiguous: boolean;
}

export function detectDateFormat(cells: readonly string[]): DetectedDateFormat | null {
  if (cells.length === 0) return null;
  // a cheap look at the first cell rules out most non-date columns before any full scan
  if (!/^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}/.test(cells[0].trim())) return null;
  for (const f of DATE_FORMATS) {
    let all = true;
    for (let i = 0; i < cells.length && all; i++) all = !Number.isNaN(parseDateAs(cells[i], f));
    if (!all) continue;
    const twin: DateFormatId | null = f === 'dd/mm/yyyy' ? 'mm/dd/yyyy' : f === 'dd-mm-yyyy' ? 'mm-dd-yyyy' : null;
    let ambiguous = false;
    if (twin) {
      ambiguous = true;
      for (let i = 0; i < cells.length && ambiguous; i++) ambiguous = !Number.isNaN(parseDateAs(cells[i], twin));
    }
    return { format: f, ambiguous };
  }
  return null;
}
