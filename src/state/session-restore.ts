import { db } from '../db/db';
import { useDatasets } from './datasets-store';
import { useFamilyChoice, type FamilyId } from './family-choice';

/** IndexedDB settings keys (the existing `settings` table: no schema change). */
export const SELECTED_DATASET_KEY = 'selectedDataset';
export const FAMILIES_KEY = 'families';

/** The stored family choices that still name a registered family (a value from an older or foreign build is dropped, not trusted). */
export function validFamilies(value: unknown, known: readonly FamilyId[]): Record<string, FamilyId> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const ids: ReadonlySet<string> = new Set(known);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, FamilyId] => typeof e[1] === 'string' && ids.has(e[1])));
}

const save = (key: string, value: unknown) => void db.settings.put({ key, value }).catch((e: unknown) => console.warn(`Kiln: could not remember ${key}:`, e));

/**
 * After a reload the studio opens where it was: the selected dataset and each dataset's model family
 * come back from IndexedDB settings, and every later change is written there as it happens.
 * Call once at boot, after the datasets are loaded, with the registered families' ids.
 */
export async function restoreSession(families: readonly FamilyId[]): Promise<void> {
  const [selected, stored] = await Promise.all([db.settings.get(SELECTED_DATASET_KEY), db.settings.get(FAMILIES_KEY)]);
  const fam = validFamilies(stored?.value, families);
  const known = new Set(useDatasets.getState().datasets.map((d) => d.id));
  useFamilyChoice.setState({ chosen: { ...Object.fromEntries(Object.entries(fam).filter(([id]) => known.has(id))), ...useFamilyChoice.getState().chosen } });
  const id = selected?.value;
  // the frame loads in the background: a large dataset must not hold the first paint
  if (typeof id === 'string' && known.has(id) && useDatasets.getState().selectedId === null) void useDatasets.getState().select(id);
  useDatasets.subscribe((s, prev) => {
    if (s.selectedId !== prev.selectedId) save(SELECTED_DATASET_KEY, s.selectedId);
  });
  useFamilyChoice.subscribe((s, prev) => {
    if (s.chosen !== prev.chosen) save(FAMILIES_KEY, s.chosen);
  });
}
