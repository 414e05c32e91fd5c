import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from 'yaml';

/** One skill: the canonical name hits are reported under, the other ways people write it, an optional grouping. */
export interface SkillEntry {
  name: string;
  aliases: string[];
  category?: string;
  /**
   * Only as written (exact and alias strategies): for names that are ordinary words in lower case
   * ("React" / "react to", "Spark", "Excel" / "excel at"), so normalized and fuzzy matching skip them.
   */
  caseSensitive?: boolean;
}

export interface SkillDictionary {
  name: string;
  skills: SkillEntry[];
}

/** A dictionary file that cannot be used; the message names the file and the line or entry. */
export class DictionaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DictionaryError';
  }
}

/**
 * The dictionary's content hash ("sd1-" + 13 hex digits, cyrb53 over the canonical JSON): a run
 * records it, so two runs that claim the same dictionary can be checked to have used the same one.
 * Order of skills and aliases does not change it; any edit to a name, alias, category or case flag does.
 */
export function dictionaryVersion(dict: SkillDictionary): string {
  const canon = [...dict.skills]
    .map((s) => ({ n: s.name, a: [...s.aliases].sort(), c: s.category ?? '', ...(s.caseSensitive ? { cs: true } : {}) }))
    .sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  return `sd1-${cyrb53(JSON.stringify(canon)).toString(16).padStart(14, '0')}`;
}

function cyrb53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Where entry i of the file is, for messages ("line 12" in YAML, nothing extra in JSON). */
type Locate = (i: number) => string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw new Error(`${what} must be a list of strings`);
  return v.map((a, j) => {
    if (typeof a !== 'string' && typeof a !== 'number') throw new Error(`${what}[${j}] must be a string, got ${JSON.stringify(a)}`);
    return String(a);
  });
}

/**
 * A dictionary from parsed YAML/JSON. Two shapes are read: `{name?, skills: [{name, aliases?, category?, case_sensitive?}]}`
 * and a plain mapping `canonical: [aliases]` (or `canonical: {aliases, category}`), the shape
 * pipelines keep skill_aliases.yaml in. Checks: names non-empty and unique (ignoring case), and an
 * alias naming one skill only; an alias equal to its own skill's name is dropped.
 */
export function dictionaryFromValue(value: unknown, file: string, locate: Locate = () => undefined): SkillDictionary {
  if (!isRecord(value)) throw new DictionaryError(`${file}: a skill dictionary is a mapping (with a "skills" list, or canonical name → aliases)`);
  const raw: { entry: unknown; key?: string }[] = [];
  let name = typeof value.name === 'string' ? value.name : file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
  if ('skills' in value) {
    if (!Array.isArray(value.skills)) throw new DictionaryError(`${file}: "skills" must be a list`);
    raw.push(...value.skills.map((entry) => ({ entry })));
  } else {
    name = file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
    for (const [key, entry] of Object.entries(value)) raw.push({ entry, key });
  }
  const skills: SkillEntry[] = [];
  const owner = new Map<string, string>();
  raw.forEach(({ entry, key }, i) => {
    const at = () => {
      const loc = locate(i);
      const label = key !== undefined ? `entry "${key}"` : `skills[${i}]${isRecord(entry) && typeof entry.name === 'string' ? ` ("${entry.name}")` : ''}`;
      return `${file}: ${label}${loc ? ` (${loc})` : ''}`;
    };
    try {
      let skillName: unknown = key;
      let aliases: string[];
      let category: unknown;
      let caseSensitive: unknown;
      if (key !== undefined && !isRecord(entry)) aliases = stringList(entry, 'aliases');
      else if (isRecord(entry)) {
        if (key === undefined) skillName = entry.name;
        aliases = stringList(entry.aliases, 'aliases');
        category = entry.category;
        caseSensitive = entry.case_sensitive ?? entry.caseSensitive;
      } else throw new Error('must be a mapping with a name and aliases');
      if (typeof skillName === 'number') skillName = String(skillName);
      if (typeof skillName !== 'string' || skillName.trim() === '') throw new Error('name must be a non-empty string');
      if (category !== undefined && category !== null && typeof category !== 'string') throw new Error('category must be a string');
      if (caseSensitive !== undefined && caseSensitive !== null && typeof caseSensitive !== 'boolean') throw new Error('case_sensitive must be true or false');
      const n = skillName.trim();
      const cleaned = [...new Set(aliases.map((a) => a.trim()).filter((a) => a !== '' && a !== n))];
      for (const term of [n, ...cleaned]) {
        const k = term.toLowerCase();
        const prev = owner.get(k);
        if (prev !== undefined && prev !== n) throw new Error(`"${term}" already names the skill "${prev}"`);
        owner.set(k, n);
      }
      skills.push({ name: n, aliases: cleaned, ...(typeof category === 'string' && category.trim() ? { category: category.trim() } : {}), ...(caseSensitive === true ? { caseSensitive: true } : {}) });
    } catch (e) {
      throw new DictionaryError(`${at()}: ${(e as Error).message}`);
    }
  });
  return { name, skills };
}

/** A dictionary from YAML text; syntax errors and bad entries name the line. */
export function parseDictionaryYaml(text: string, file: string): SkillDictionary {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new DictionaryError(`${file}${line ? `, line ${line}` : ''}: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (node: unknown) => {
    const range = (node as YamlNode | null)?.range;
    return range ? `line ${lineCounter.linePos(range[0]).line}` : undefined;
  };
  const contents = doc.contents;
  let locate: Locate = () => undefined;
  if (isMap(contents)) {
    const skills = contents.get('skills', true);
    if (isSeq(skills)) locate = (i) => lineOf(skills.items[i]);
    else if (!contents.has('skills')) locate = (i) => lineOf(contents.items[i]?.key);
  }
  return dictionaryFromValue(doc.toJS(), file, locate);
}

/** A dictionary from JSON text; a syntax error names the line and column. */
export function parseDictionaryJson(text: string, file: string): SkillDictionary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = `, line ${line}, column ${Number(pos[1]) - before.lastIndexOf('\n')}`;
    }
    throw new DictionaryError(`${file}${where}: not valid JSON (${msg})`);
  }
  return dictionaryFromValue(value, file);
}

/** By the file's extension: .yaml/.yml as YAML, anything else as JSON. */
export function parseDictionary(text: string, file: string): SkillDictionary {
  return /\.ya?ml$/i.test(file) ? parseDictionaryYaml(text, file) : parseDictionaryJson(text, file);
}

function plain(dict: SkillDictionary) {
  return { name: dict.name, version: dictionaryVersion(dict), skills: dict.skills.map((s) => ({ name: s.name, aliases: s.aliases, ...(s.category ? { category: s.category } : {}), ...(s.caseSensitive ? { case_sensitive: true } : {}) })) };
}

/** JSON with the version alongside (informational: reading recomputes it). */
export function dictionaryToJson(dict: SkillDictionary): string {
  return `${JSON.stringify(plain(dict), null, 2)}\n`;
}

export function dictionaryToYaml(dict: SkillDictionary): string {
  return stringify(plain(dict), { lineWidth: 0, flowCollectionPadding: false });
}
