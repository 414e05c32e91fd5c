import type { AnyModelFamily } from './family';
import { clusterFamily } from './cluster/family';
import { gbdtFamily } from './gbdt/family';
import { matcherFamily } from './matcher/family';
import { rankerFamily } from './ranker/family';
import { sectionsFamily } from './sections/family';
import { sequenceFamily } from './sequence/family';
import { tabularFamily } from './tabular/family';

/**
 * Every model family Kiln trains, in the order the studio offers them. Adding a family is its
 * folder under src/ml/models/ and one line here (and one in the studio's registry for its panels).
 */
export const FAMILIES = [tabularFamily, sequenceFamily, rankerFamily, gbdtFamily, matcherFamily, clusterFamily, sectionsFamily] as const satisfies readonly AnyModelFamily[];

export type FamilyId = (typeof FAMILIES)[number]['id'];

export function familyById(id: string): AnyModelFamily | undefined {
  return FAMILIES.find((f) => f.id === id);
}
