/**
 * Locale-aware number reading. A column's number format (decimal mark and digit grouping) is
 * decided once for the whole column by evidence over all its values, never per cell: "1,234"
 * alone is ambiguous, and reading it as 1234 in one row and 1.234 in the next would corrupt the
 * column without a sign.
 *
 * The rule for the ambiguous cases ("1,234", "1.234": one separator followed by exactly three
 * digits): the candidate formats are tried in the order of NUMBER_FORMATS and the first one that
 * reads every value of the column wins. That order puts a plain dot decimal first ("1.234" is
 * 1.234 unless some other value shows the dot groups digits, as "1.234.567" or "1.234,5" do),
 * then a comma grouping thousands ("1,234" is 1234 unless some other value shows a decimal
 * comma, as "76,98" or "0,5" do: a group is always three digits and never follows a lone 0).
 *
 * Every format also takes a sign ("-1,5", "+3"), an accounting negative "(1.200)", a percent
 * sign ("12,5 %" reads 12.5: the value as written, the unit stays in the format's name) and a
 * currency symbol or ISO code before or after the number ("€1.234,50", "$1,200", "1 234 kr",
 * "CHF 1'234.50").
 */
export type NumberFormatId = 'plain' | 'dot-comma' | 'comma' | 'comma-dot' | 'dot-space' | 'comma-space' | 'dot-apostrophe' | 'comma-apostrophe';

export interface NumberFormat {
  id: NumberFormatId;
  decimal: '.' | ',';
  /** '' = digits are never grouped */
  group: '' | ',' | '.' | ' ' | "'";
  /** how the preview names it */
  label: string;
}

export const NUMBER_FORMATS: readonly NumberFormat[] = [
  { id: 'plain', decimal: '.', group: '', label: '1234.5' },
  { id: 'dot-comma', decimal: '.', group: ',', label: '1,234.5' },
  { id: 'comma', decimal: ',', group: '', label: '1234,5' },
  { id: 'comma-dot', decimal: ',', group: '.', label: '1.234,5' },
  { id: 'dot-space', decimal: '.', group: ' ', label: '1 234.5' },
  { id: 'comma-space', decimal: ',', group: ' ', label: '1 234,5' },
  { id: 'dot-apostrophe', decimal: '.', group: "'", label: "1'234.5" },
  { id: 'comma-apostrophe', decimal: ',', group: "'", label: "1'234,5" },
];

export function numberFormat(id: NumberFormatId): NumberFormat {
  return NUMBER_FORMATS.find((f) => f.id === id) ?? NUMBER_FORMATS[0];
}

/** What a column's values carried besides the digits, for the preview's format label. */
export interface NumberAffixes {
  percent: boolean;
  currency: string | null;
}

const CURRENCY = '[€$£¥₹₽₩₺]|(?:EUR|USD|GBP|CHF|JPY|SEK|NOK|DKK|PLN|CZK|kr|zł|Kč|Fr\\.?)';
const AFFIXES = new RegExp(`^(?:(${CURRENCY})\\s?)?(.*?)(?:\\s?(${CURRENCY}))?$`);
// ordinary, no-break and narrow no-break spaces all separate digit groups in the wild
const SPACES = /[\u00a0\u202f\u2009]/g;
const SIGNED_PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PATTERNS = new Map<NumberFormatId, RegExp>(
  NUMBER_FORMATS.filter((f) => f.id !== 'plain').map((f) => {
    const d = escapeRe(f.decimal);
    const grouped = f.group ? `|[1-9]\\d{0,2}(?:${escapeRe(f.group)}\\d{3})+` : '';
    return [f.id, new RegExp(`^(?:\\d+${grouped})(?:${d}\\d+)?$|^${d}\\d+$`)] as const;
  }),
);

interface Stripped {
  body: string;
  negative: boolean;
  percent: boolean;
  currency: string | null;
}

/** Takes off sign, parentheses, percent and currency; null when what is left is no number at all. */
function strip(cell: string): Stripped | null {
  let s = cell.trim().replace(SPACES, ' ');
  let negative = false;
  let percent = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  }
  if (s.startsWith('-') || s.startsWith('+') || s.startsWith('−')) {
    negative = negative !== (s[0] !== '+');
    s = s.slice(1).trimStart();
  }
  const m = AFFIXES.exec(s);
  let currency: string | null = null;
  if (m && (m[1] || m[3])) {
    if (m[1] && m[3]) return null;
    currency = m[1] ?? m[3];
    s = m[2].trim();
    // "$-5" and "€ -1,5" put the sign after the symbol
    if (s.startsWith('-') || s.startsWith('−')) {
      negative = !negative;
      s = s.slice(1).trimStart();
    }
  }
  if (s === '' || !/^[\d.,' ]+(?:[eE][+-]?\d+)?$/.test(s)) return null;
  return { body: s, negative, percent, currency };
}

function readBody(body: string, f: NumberFormat): number {
  if (f.id === 'plain') return PLAIN.test(body) ? Number(body) : NaN;
  if (!PATTERNS.get(f.id)!.test(body)) return NaN;
  const noGroups = f.group ? body.split(f.group).join('') : body;
  return Number(f.decimal === ',' ? noGroups.replace(',', '.') : noGroups);
}

/** One cell read in a given format; NaN when it is not a number in that format. */
export function parseNumberAs(cell: string, id: NumberFormatId): number {
  const s = strip(cell);
  if (!s) return NaN;
  const v = readBody(s.body, numberFormat(id));
  return s.negative ? -v : v;
}

export interface DetectedNumberFormat {
  format: NumberFormatId;
  affixes: NumberAffixes;
}

/**
 * The first format (in NUMBER_FORMATS order) that reads every cell, or null when none does.
 * Linear in the common case: each format is tried over the column once, and a cell no format can
 * read ends the search at once.
 */
export function detectNumberFormat(cells: readonly string[]): DetectedNumberFormat | null {
  if (cells.length === 0) return null;
  // the common case, plain numbers throughout, costs one regex test per cell and no allocation
  let plain = true;
  for (let i = 0; i < cells.length && plain; i++) plain = SIGNED_PLAIN.test(cells[i].trim());
  if (plain) return { format: 'plain', affixes: { percent: false, currency: null } };
  const stripped: Stripped[] = new Array<Stripped>(cells.length);
  let percent = false;
  let currency: string | null = null;
  for (let i = 0; i < cells.length; i++) {
    const s = strip(cells[i]);
    if (!s) return null;
    stripped[i] = s;
    percent ||= s.percent;
    currency ??= s.currency;
  }
  for (const f of NUMBER_FORMATS) {
    let all = true;
    for (let i = 0; i < stripped.length && all; i++) all = Number.isFinite(readBody(stripped[i].body, f));
    if (all) return { format: f.id, affixes: { percent, currency } };
  }
  return null;
}

export function describeNumberFormat(d: DetectedNumberFormat): string {
  const f = numberFormat(d.format);
  const parts = [f.id === 'plain' ? 'plain' : `decimal "${f.decimal}"${f.group ? `, groups "${f.group === ' ' ? 'space' : f.group}"` : ''}`];
  if (d.affixes.percent) parts.push('percent');
  if (d.affixes.currency) parts.push(`currency ${d.affixes.currency}`);
  return parts.join(' · ');
}
