import { db } from '../db/db';
import { useDatasets } from './datasets-store';
import { useSequence, type ModelFamilyChoice } from './sequence-store';

/** IndexedDB settings keys (the existing `settings` table: no schema change). */
export const SELECTED_DATASET_KEY = 'selectedDataset';
export const FAMILIES_KEY = 'families';

const FAMILIES: ReadonlySet<string> = new Set<ModelFamilyChoice>(['tabular', 'sequence', 'ranker', 'gbdt', 'matcher']);

/** The stored family choices that still name a known family (a value from an older or foreign build is dropped, not trusted). */
export function validFamilies(value: unknown): Record<string, ModelFamilyChoice> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, ModelFamilyChoice] => typeof e[1] === 'string' && FAMILIES.has(e[1])));
}

const save = (key: string, value: unknown) => void db.settings.put({ key, value }).catch((e: unknown) => console.warn(`Kiln: could not remember ${key}:`, e));

/**
 * After a reload the studio opens where it was: the selected dataset and each dataset's model family
 * come back from IndexedDB settings, and every later change is written there as it happens.
 * Call once at boot, after the datasets are loaded.
 */
export async function restoreSession(): Promise<void> {
  const [selected, families] = await Promise.all([db.settings.get(SELECTED_DATASET_KEY), db.settings.get(FAMILIES_KEY)]);
  const fam = validFamilies(families?.value);
  const known = new Set(useDatasets.getState().datasets.map((d) => d.id));
  useSequence.setState({ family: { ...Object.fromEntries(Object.entries(fam).filter(([id]) => known.has(id))), ...useSequence.getState().family } });
  const id = selected?.value;
  // the frame loads in the background: a large dataset must not hold the first paint
  if (typeof id === 'string' && known.has(id) && useDatasets.getState().selectedId === null) void useDatasets.getState().select(id);
  useDatasets.subscribe((s, prev) => {
    if (s.selectedId !== prev.selectedId) save(SELECTED_DATASET_KEY, s.selectedId);
  });
  useSequence.subscribe((s, prev) => {
    if (s.family !== prev.family) save(FAMILIES_KEY, s.family);
  });
}
