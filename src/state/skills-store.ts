import { create } from 'zustand';
import { deleteSkillDictionary, listSkillDictionaries, saveSkillDictionary } from '../db/skills-repo';
import type { SkillDictionaryRecord } from '../db/records';
import { storageErrorMessage } from '../db/db';
import { demoSkillDictionary } from '../ml/skills/demo-vocab';
import { dictionaryFromValue, DictionaryError, parseDictionary, type SkillDictionary, type SkillEntry } from '../ml/skills/dictionary';

/**
 * The person's skill dictionaries. Every edit is checked by the same reader the files go through
 * (dictionaryFromValue: unique names, an alias naming one skill) and written to IndexedDB at once;
 * a removal can be taken back with Undo (one step: the dictionary as it was before it).
 */
interface SkillsState {
  dictionaries: SkillDictionaryRecord[];
  selectedId: string | null;
  loaded: boolean;
  error: string | null;
  /** what the last removal took away, and the dictionary (or null: no dictionary) to restore */
  undo: { label: string; id: string; before: SkillDictionaryRecord | null } | null;
  load: () => Promise<void>;
  select: (id: string) => void;
  create: (dict: SkillDictionary) => Promise<void>;
  importFile: (fileName: string, text: string) => Promise<void>;
  rename: (name: string) => Promise<void>;
  addSkill: (name: string, category?: string) => Promise<void>;
  removeSkill: (name: string) => Promise<void>;
  addAlias: (skill: string, alias: string) => Promise<void>;
  removeAlias: (skill: string, alias: string) => Promise<void>;
  setCaseSensitive: (skill: string, on: boolean) => Promise<void>;
  removeDictionary: (id: string) => Promise<void>;
  undoLast: () => Promise<void>;
  dismissError: () => void;
}

const newId = () => `sd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const asDict = (r: SkillDictionaryRecord): SkillDictionary => ({ name: r.name, skills: r.skills });

export const useSkills = create<SkillsState>((set, get) => {
  const current = () => get().dictionaries.find((d) => d.id === get().selectedId) ?? null;
  const replace = (rec: SkillDictionaryRecord) => set((s) => ({ dictionaries: [rec, ...s.dictionaries.filter((d) => d.id !== rec.id)] }));

  /** Checks an edited dictionary, stores it, and keeps `undo` when the edit removed something. */
  async function commit(id: string, next: SkillDictionary, undo?: string): Promise<void> {
    const before = get().dictionaries.find((d) => d.id === id) ?? null;
    let checked: SkillDictionary;
    try {
      checked = { ...dictionaryFromValue({ name: next.name, skills: next.skills }, next.name), name: next.name };
    } catch (e) {
      set({ error: e instanceof DictionaryError ? e.message.replace(/^[^:]*: /, '') : String(e) });
      return;
    }
    try {
      replace(await saveSkillDictionary(id, checked));
      set({ error: null, ...(undo ? { undo: { label: undo, id, before } } : {}) });
    } catch (e) {
      set({ error: storageErrorMessage(e, 'the skill dictionary') });
    }
  }

  function edit(change: (d: SkillDictionary) => SkillDictionary, undo?: string): Promise<void> {
    const rec = current();
    if (!rec) return Promise.resolve();
    return commit(rec.id, change(asDict(rec)), undo);
  }

  const mapSkill = (d: SkillDictionary, name: string, f: (s: SkillEntry) => SkillEntry) => ({ ...d, skills: d.skills.map((s) => (s.name === name ? f(s) : s)) });

  return {
    dictionaries: [],
    selectedId: null,
    loaded: false,
    error: null,
    undo: null,
    async load() {
      const dictionaries = await listSkillDictionaries();
      set((s) => ({ dictionaries, loaded: true, selectedId: s.selectedId && dictionaries.some((d) => d.id === s.selectedId) ? s.selectedId : (dictionaries[0]?.id ?? null) }));
    },
    select: (selectedId) => set({ selectedId, undo: null }),
    async create(dict) {
      const id = newId();
      await commit(id, dict);
      if (get().dictionaries.some((d) => d.id === id)) set({ selectedId: id, undo: null });
    },
    async importFile(fileName, text) {
      try {
        await get().create(parseDictionary(text, fileName));
      } catch (e) {
        set({ error: e instanceof Error ? e.message : String(e) });
      }
    },
    rename: (name) => edit((d) => ({ ...d, name: name.trim() || d.name })),
    addSkill: (name, category) => edit((d) => ({ ...d, skills: [...d.skills, { name: name.trim(), aliases: [], ...(category?.trim() ? { category: category.trim() } : {}) }] })),
    removeSkill: (name) => edit((d) => ({ ...d, skills: d.skills.filter((s) => s.name !== name) }), `Removed the skill "${name}"`),
    addAlias: (skill, alias) => edit((d) => mapSkill(d, skill, (s) => ({ ...s, aliases: [...s.aliases, alias.trim()] }))),
    removeAlias: (skill, alias) => edit((d) => mapSkill(d, skill, (s) => ({ ...s, aliases: s.aliases.filter((a) => a !== alias) })), `Removed the alias "${alias}" of ${skill}`),
    setCaseSensitive: (skill, on) =>
      edit((d) =>
        mapSkill(d, skill, (s) => {
          const { caseSensitive: _, ...rest } = s;
          return on ? { ...rest, caseSensitive: true } : rest;
        }),
      ),
    async removeDictionary(id) {
      const before = get().dictionaries.find((d) => d.id === id) ?? null;
      if (!before) return;
      await deleteSkillDictionary(id);
      const dictionaries = get().dictionaries.filter((d) => d.id !== id);
      set({ dictionaries, selectedId: dictionaries[0]?.id ?? null, undo: { label: `Deleted the dictionary "${before.name}"`, id, before } });
    },
    async undoLast() {
      const u = get().undo;
      if (!u?.before) return;
      replace(await saveSkillDictionary(u.id, asDict(u.before)));
      set({ undo: null, selectedId: u.id });
    },
    dismissError: () => set({ error: null }),
  };
});

/** The starter dictionary a person can begin from: the demo jobs' skills. */
export const starterDictionary = demoSkillDictionary;
