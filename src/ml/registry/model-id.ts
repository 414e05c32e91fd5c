/**
 * Model ids are `{model_type}_v{major}.{minor}[-{suffix}]`, e.g. `essay_scorer_v1.3-ordinal`:
 * the type names the model a team talks about, major / minor number its versions, the suffix
 * says what differs (ordinal, calibrated). Types and suffixes are lowercase snake_case words.
 */
export interface ModelId {
  modelType: string;
  major: number;
  minor: number;
  suffix: string | null;
}

const TYPE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const SUFFIX = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const ID = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)_v(\d+)\.(\d+)(?:-([a-z0-9]+(?:[-_][a-z0-9]+)*))?$/;

export function formatModelId(m: ModelId): string {
  return `${m.modelType}_v${m.major}.${m.minor}${m.suffix ? `-${m.suffix}` : ''}`;
}

export function parseModelId(id: string): ModelId | null {
  const m = ID.exec(id);
  if (!m) return null;
  // a type may itself end in `_v2` (`scorer_v2_v1.0`): the regex's greedy type keeps the last `_v{n}.{m}` as the version
  return { modelType: m[1], major: Number(m[2]), minor: Number(m[3]), suffix: m[4] ?? null };
}

/** Problems with a type or suffix a person typed, in words; empty when fine. */
export function modelIdProblems(modelType: string, suffix: string | null): string[] {
  const out: string[] = [];
  if (!TYPE.test(modelType)) out.push(`model type "${modelType}" must be lowercase words joined by _ (e.g. essay_scorer)`);
  if (/_v\d+$/.test(modelType)) out.push(`model type "${modelType}" must not end in a version (_v${modelType.split('_v').pop()}); the version is added for you`);
  if (suffix !== null && suffix !== '' && !SUFFIX.test(suffix)) out.push(`suffix "${suffix}" must be lowercase letters and digits joined by - or _ (e.g. ordinal)`);
  return out;
}

/** The next version of a type: a minor bump of the newest one, or a major bump to `{major+1}.0`; v1.0 when the type is new. */
export function nextModelId(existing: readonly string[], modelType: string, bump: 'minor' | 'major', suffix: string | null): ModelId {
  const mine = existing.map(parseModelId).filter((m): m is ModelId => m !== null && m.modelType === modelType);
  const clean = suffix && suffix.trim() !== '' ? suffix.trim() : null;
  if (mine.length === 0) return { modelType, major: 1, minor: 0, suffix: clean };
  const newest = mine.reduce((a, b) => (b.major > a.major || (b.major === a.major && b.minor > a.minor) ? b : a));
  return bump === 'major' ? { modelType, major: newest.major + 1, minor: 0, suffix: clean } : { modelType, major: newest.major, minor: newest.minor + 1, suffix: clean };
}

/** Newest first: by major, then minor. */
export function compareModelIds(a: string, b: string): number {
  const x = parseModelId(a);
  const y = parseModelId(b);
  if (!x || !y) return a < b ? 1 : -1;
  return y.major - x.major || y.minor - x.minor || (a < b ? 1 : -1);
}
