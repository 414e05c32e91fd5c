/**
 * Job-title normalization. Titles arrive as people type them ("Sr. Data Scientist",
 * "SOFTWARE ENG"); the model should see one token per role, so case, punctuation and whitespace
 * are folded and abbreviations expanded word by word from an editable map.
 */
export type AbbreviationMap = Record<string, string>;

export const DEFAULT_ABBREVIATIONS: AbbreviationMap = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  jnr: 'junior',
  eng: 'engineer',
  engr: 'engineer',
  mgr: 'manager',
  mgmt: 'management',
  ml: 'machine learning',
  ai: 'artificial intelligence',
  swe: 'software engineer',
  pm: 'product manager',
  apm: 'associate product manager',
  ae: 'account executive',
  sdr: 'sales development representative',
  dir: 'director',
  vp: 'vice president',
  asst: 'assistant',
  assoc: 'associate',
  dev: 'developer',
  hr: 'human resources',
  ta: 'talent acquisition',
};

/**
 * Lower-case, punctuation to spaces (keeping characters that carry meaning in titles such as
 * "c++", "c#", ".net"), collapse whitespace, then expand each word found in the map.
 */
export function normalizeTitle(raw: string, abbreviations: AbbreviationMap = DEFAULT_ABBREVIATIONS): string {
  const folded = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(^|\s)\.(net)\b/g, '$1dot$2')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
  if (!folded) return '';
  return folded
    .split(' ')
    .map((w) => abbreviations[w] ?? w)
    .join(' ');
}

/** Seniority words dropped to get a title's family: "senior data scientist" → "data scientist". */
const SENIORITY = new Set(['junior', 'senior', 'lead', 'principal', 'staff', 'associate', 'mid', 'level', 'entry', 'i', 'ii', 'iii', 'iv', 'intern', 'trainee', 'chief', 'head', 'group', 'deputy', 'assistant', 'of']);

/**
 * The role family of a normalized title: the title without seniority words. A move whose
 * family changes (teacher → data analyst) is a career change; senior → lead in the same family
 * is not.
 */
export function titleFamily(normalized: string): string {
  const kept = normalized.split(' ').filter((w) => w && !SENIORITY.has(w));
  return kept.length ? kept.join(' ') : normalized;
}

/** Parses the editable "abbr → expansion" text (one per line, `sr = senior` or `sr → senior`). */
export function parseAbbreviations(text: string): { map: AbbreviationMap; errors: string[] } {
  const map: AbbreviationMap = {};
  const errors: string[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const m = /^(\S+)\s*(?:=|→|->|:)\s*(.+)$/.exec(t);
    if (!m) {
      errors.push(`line ${i + 1}: "${t}" is not "abbreviation = expansion"`);
      return;
    }
    const key = normalizeTitle(m[1], {});
    const value = normalizeTitle(m[2], {});
    if (!key || key.includes(' ')) errors.push(`line ${i + 1}: "${m[1]}" must be a single word`);
    else if (!value) errors.push(`line ${i + 1}: "${m[1]}" has an empty expansion`);
    else map[key] = value;
  });
  return { map, errors };
}

export function formatAbbreviations(map: AbbreviationMap): string {
  return Object.entries(map)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
}
