import { gbdtSearch } from '../models/gbdt/search';
import { matcherSearch } from '../models/matcher/search';
import { rankerSearch } from '../models/ranker/search';
import { sequenceSearch } from '../models/sequence/search';
import { tabularSearch } from '../models/tabular/search';
import type { SearchFamily } from './family';

/** Every family that can be searched, by id: the tune worker and the search form find a family's search here and nowhere else. */
const FAMILIES: readonly SearchFamily[] = [tabularSearch, gbdtSearch, rankerSearch, sequenceSearch, matcherSearch];

const BY_ID = new Map(FAMILIES.map((f) => [f.id, f]));

export function searchFamilies(): readonly SearchFamily[] {
  return FAMILIES;
}

export function searchFamily(id: string): SearchFamily {
  const f = BY_ID.get(id);
  if (!f) throw new Error(`no search is registered for the family "${id}" (registered: ${[...BY_ID.keys()].join(', ')})`);
  return f;
}
