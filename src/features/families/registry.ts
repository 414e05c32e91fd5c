import { onColumnsRetyped } from '../../state/datasets-store';
import type { FamilyId } from '../../state/family-choice';
import type { RunRecord } from '../../db/records';
import type { RegisteredFamily } from './contract';
import { tabularFamily } from '../tabular/register';
import { sequenceFamily } from '../sequence/register';
import { rankerFamily } from '../ranker/register';
import { gbdtFamily } from '../gbdt/register';
import { matcherFamily } from '../matcher/register';
import { clusterFamily } from '../cluster/register';
import { sectionsFamily } from '../sections/register';

/**
 * The studio's model families, in the order the family switch lists them; the first is a new
 * dataset's default. Adding a family is its folder (src/features/<family>/register.tsx) and one line here.
 */
export const FAMILIES: readonly RegisteredFamily[] = [tabularFamily, sequenceFamily, rankerFamily, gbdtFamily, matcherFamily, clusterFamily, sectionsFamily];

export const DEFAULT_FAMILY = FAMILIES[0];

export function familyById(id: FamilyId | undefined): RegisteredFamily | undefined {
  return FAMILIES.find((f) => f.id === id);
}

/** The family a stored run belongs to; undefined for a search (a study over runs, not a model). */
export function familyOfRun(run: RunRecord): RegisteredFamily | undefined {
  return FAMILIES.find((f) => f.owns(run));
}

onColumnsRetyped((datasetId, stats) => {
  for (const f of FAMILIES) f.retyped?.(datasetId, stats);
});
