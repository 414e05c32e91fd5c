/**
 * Postgres text output → the forms JSON Lines carries. Everything here works on the text itself
 * (no JS Date, no float parse), so years 1–99, years past 9999, BC dates and digits past double
 * precision come through exactly.
 */

/**
 * Years as ISO 8601 writes them (and as JS Date#toISOString does): 0000–9999 with 4 digits,
 * otherwise a sign and at least 6 digits; BC years are astronomical (1 BC = 0000, 44 BC = -000043).
 */
function isoYear(digits: string, bc: boolean): string {
  const y = bc ? 1 - Number(digits) : Number(digits);
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

const DATE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;
const TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([+-]\d{2}(?::\d{2}){0,2})?( BC)?$/;

/** "0044-03-15 BC" → "-000043-03-15"; "infinity" / "-infinity" stay as they are. */
export function isoDate(text: string): string {
  const m = DATE.exec(text);
  if (!m) {
    if (text === 'infinity' || text === '-infinity') return text;
    throw new RangeError(`unexpected date text "${text}"`);
  }
  return `${isoYear(m[1], m[4] !== undefined)}-${m[2]}-${m[3]}`;
}

/**
 * "2020-01-02 03:04:05.5+00" → "2020-01-02T03:04:05.500Z": milliseconds always, microseconds
 * when there are any. The export session runs with TimeZone=UTC, so every offset is +00.
 */
export function isoTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) {
    if (text === 'infinity' || text === '-infinity') return text;
    throw new RangeError(`unexpected timestamp text "${text}"`);
  }
  const [, y, mo, d, hms, frac = '', zone, bc] = m;
  if (zone !== undefined && !/^\+00(?::00){0,2}$/.test(zone)) throw new RangeError(`timestamp "${text}" is not in UTC`);
  const f = frac.padEnd(3, '0');
  return `${isoYear(y, bc !== undefined)}-${mo}-${d}T${hms}.${/^\d{3}0*$/.test(f) ? f.slice(0, 3) : f.padEnd(6, '0')}Z`;
}

export type PgArray = (string | null | PgArray)[];

/**
 * A Postgres array literal → nested arrays of element texts (null for NULL). Lower bounds
 * ("[0:2]={…}") are dropped: lists are 0-based. `delim` is the element type's typdelim (`;` for box).
 */
export function parsePgArrayText(text: string, delim = ','): PgArray {
  let i = 0;
  if (text[0] === '[') {
    i = text.indexOf('=') + 1;
    if (i === 0) throw new RangeError(`unexpected array text "${text.slice(0, 40)}"`);
  }
  const parseLevel = (): PgArray => {
    if (text[i] !== '{') throw new RangeError(`unexpected array text "${text.slice(0, 40)}" at ${i}`);
    i++;
    const out: PgArray = [];
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      if (text[i] === '{') out.push(parseLevel());
      else if (text[i] === '"') {
        let s = '';
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          const b = text.indexOf('\\', i);
          if (q < 0) throw new RangeError('unterminated quoted array element');
          if (b >= 0 && b < q) {
            s += text.slice(i, b) + text[b + 1];
            i = b + 2;
          } else {
            s += text.slice(i, q);
            i = q + 1;
            break;
          }
        }
        out.push(s);
      } else {
        let j = i;
        while (j < text.length && text[j] !== delim && text[j] !== '}') j++;
        const raw = text.slice(i, j).trim();
        out.push(raw.toUpperCase() === 'NULL' ? null : raw);
        i = j;
      }
      const c = text[i++];
      if (c === '}') return out;
      if (c !== delim) throw new RangeError(`unexpected array text "${text.slice(0, 40)}" at ${i - 1}`);
    }
  };
  return parseLevel();
}

/**
 * JSON text Postgres validated, made a single line: a JSON string cannot hold a raw CR or LF, so
 * any there are whitespace between tokens. Numbers keep every digit (12345678901234567890, 1e400).
 */
export function jsonOneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, ' ') : text;
}
