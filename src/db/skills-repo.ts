import { dictionaryVersion, type SkillDictionary } from '../ml/skills/dictionary';
import { db, type KilnDB } from './db';
import type { SkillDictionaryRecord } from './records';

/** Every stored dictionary, most recently edited first. */
export async function listSkillDictionaries(d: KilnDB = db): Promise<SkillDictionaryRecord[]> {
  return (await d.skillDictionaries.orderBy('updatedAt').toArray()).reverse();
}

/** Stores a dictionary under `id` (new or replaced), stamping its content version and edit time. */
export async function saveSkillDictionary(id: string, dict: SkillDictionary, d: KilnDB = db, now = Date.now()): Promise<SkillDictionaryRecord> {
  const prev = await d.skillDictionaries.get(id);
  const record: SkillDictionaryRecord = { id, name: dict.name, skills: dict.skills, version: dictionaryVersion(dict), createdAt: prev?.createdAt ?? now, updatedAt: now };
  await d.skillDictionaries.put(record);
  return record;
}

export async function deleteSkillDictionary(id: string, d: KilnDB = db): Promise<void> {
  await d.skillDictionaries.delete(id);
}
