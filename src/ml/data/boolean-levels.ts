import type { RawCell } from './infer-types';

/** The other half of a pair when a column only ever holds one of its two words. */
const PARTNER: Record<string, string> = { yes: 'no', no: 'yes', y: 'n', n: 'y', true: 'false', false: 'true', t: 'f', f: 't', '1': '0', '0': '1' };

function sameCase(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] === like[0]?.toUpperCase() && like.slice(1) === like.slice(1).toLowerCase() && like !== like.toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

/**
 * How a boolean column spelled its 0 and 1: the most frequent raw spelling of each (trimmed, case
 * kept), so a churn column of "yes"/"no" keeps those words as its class names instead of
 * true/false. A side the column never holds gets its partner word ("yes" → "no"), in the same case.
 * Cells whose parsed value is NaN (missing, unparseable) are skipped.
 */
export function booleanSpellings(cells: readonly RawCell[], values: Float64Array): [string, string] {
  const counts: [Map<string, number>, Map<string, number>] = [new Map(), new Map()];
  for (let i = 0; i < cells.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) continue;
    const c = cells[i];
    const s = typeof c === 'string' ? c.trim() : typeof c === 'boolean' ? String(c) : typeof c === 'number' || typeof c === 'bigint' ? String(c) : null;
    if (s === null || s === '') continue;
    counts[v].set(s, (counts[v].get(s) ?? 0) + 1);
  }
  const top = (m: Map<string, number>): string | null => {
    let best: string | null = null;
    let n = 0;
    for (const [k, c] of m) if (c > n || (c === n && best !== null && k < best)) [best, n] = [k, c];
    return best;
  };
  const zero = top(counts[0]);
  const one = top(counts[1]);
  const partner = (w: string | null, fallback: string) => (w === null ? fallback : sameCase(PARTNER[w.toLowerCase()] ?? fallback, w));
  const z = zero ?? partner(one, 'false');
  const o = one ?? partner(zero, 'true');
  // two spellings that only differ in case ("Yes" / "yes" on different sides cannot happen) or collide would make one class name for two classes
  return z === o ? ['false', 'true'] : [z, o];
}
