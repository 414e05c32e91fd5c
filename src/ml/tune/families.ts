import { FAMILIES as MODEL_FAMILIES } from '../models/families';
import type { SearchFamily } from './family';

/** Every family's search, by id, from the one family registry: the tune worker and the search form find a family's search here. */
const FAMILIES: readonly SearchFamily[] = MODEL_FAMILIES.map((f) => f.search);
const BY_ID = new Map(FAMILIES.map((f) => [f.id, f]));

export function searchFamilies(): readonly SearchFamily[] {
  return FAMILIES;
}

export function searchFamily(id: string): SearchFamily {
  const f = BY_ID.get(id);
  if (!f) throw new Error(`no search is registered for the family "${id}" (registered: ${[...BY_ID.keys()].join(', ')})`);
  return f;
}
