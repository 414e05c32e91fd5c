/**
 * The normalized form the case-, punctuation-, plural- and order-insensitive strategies compare.
 * The rule, applied the same way to dictionary terms and to text:
 *  1. tokens are maximal runs of letters, marks and digits, with any trailing "+" or "#" kept
 *     ("C++", "C#"); everything else (spaces, hyphens, slashes, dots, brackets) separates tokens;
 *  2. each token is NFKC-normalised and lower-cased;
 *  3. a token longer than 3 characters loses one plural ending: "ies" → "y"; "es" after s, x, z,
 *     ch or sh is dropped; otherwise a final "s" is dropped unless the token ends in "ss", "us" or "sis".
 * A term's key is its tokens sorted and joined by one space, so token order does not matter
 * ("learning machine" finds "machine learning"); its fuzzy form is the tokens in their own order.
 * A run of text tokens only forms a phrase when each gap between them is whitespace, hyphens,
 * slashes, "&" or one dot between letters ("React.js"): a comma, semicolon, colon, bracket or
 * sentence end breaks it, so "analytics, product" is never read as "product analytics".
 * Offsets always refer to the original text, so a hit's span highlights what the person wrote.
 */
export interface Token {
  /** the normalized token */
  norm: string;
  start: number;
  end: number;
  /** whether the gap from the previous token lets the two belong to one phrase */
  joins: boolean;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+[+#]*/gu;
const JOINING_GAP = /^(?:[\s\-\u2010-\u2013/&]+|\.)$/u;

export function stripPlural(t: string): string {
  if (t.length <= 3) return t;
  if (t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  if (/(?:[sxz]|ch|sh)es$/.test(t)) return t.slice(0, -2);
  if (t.endsWith('s') && !/(?:ss|us|sis)$/.test(t)) return t.slice(0, -1);
  return t;
}

const NON_ASCII = /[^ -~\t\n\r]/;

export function normalizeToken(raw: string): string {
  // NFKC leaves ASCII as it is; skipping it there halves the cost of tokenizing English text
  return stripPlural((!NON_ASCII.test(raw) ? raw : raw.normalize('NFKC')).toLowerCase());
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const prev = out[out.length - 1];
    const joins = prev !== undefined && JOINING_GAP.test(text.slice(prev.end, m.index));
    out.push({ norm: normalizeToken(m[0]), start: m.index, end: m.index + m[0].length, joins });
  }
  return out;
}

/** The order-insensitive key of a run of normalized tokens. */
export function tokenKey(norms: readonly string[]): string {
  return [...norms].sort().join(' ');
}
