import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/db';
import { listSkillDictionaries } from '../db/skills-repo';
import { useSkills } from './skills-store';

// the real Dexie module on fake-indexeddb: every edit must be in IndexedDB when the action resolves
const stored = async () => (await listSkillDictionaries()).map((d) => ({ name: d.name, skills: d.skills }));

describe('the skills store', () => {
  beforeEach(async () => {
    await db.skillDictionaries.clear();
    useSkills.setState({ dictionaries: [], selectedId: null, loaded: false, error: null, undo: null });
  });

  it('imports a file, edits it, refuses a clash, and stores each change', async () => {
    const s = useSkills.getState();
    await s.importFile('ml.yaml', 'name: ml\nskills:\n  - name: Kubernetes\n    aliases: [k8s]\n  - name: SQL\n');
    await s.addAlias('Kubernetes', 'kube');
    await s.addSkill('scikit-learn', 'datascience');
    await s.setCaseSensitive('SQL', true);
    expect(await stored()).toEqual([
      {
        name: 'ml',
        skills: [
          { name: 'Kubernetes', aliases: ['k8s', 'kube'] },
          { name: 'SQL', aliases: [], caseSensitive: true },
          { name: 'scikit-learn', aliases: [], category: 'datascience' },
        ],
      },
    ]);
    const before = useSkills.getState().dictionaries[0].version;
    await s.addAlias('SQL', 'K8S');
    expect(useSkills.getState().error).toBe('skills[1] ("SQL"): "K8S" already names the skill "Kubernetes"');
    expect(useSkills.getState().dictionaries[0].version).toBe(before);
    await s.importFile('bad.json', '{"skills": [1]}');
    expect(useSkills.getState().error).toMatch(/^bad\.json: skills\[0\]: must be a mapping/);
    expect(await stored()).toHaveLength(1);
  });

  it('takes back a removed skill, alias or dictionary with Undo, in IndexedDB too', async () => {
    const s = useSkills.getState();
    await s.create({ name: 'd', skills: [{ name: 'Kubernetes', aliases: ['k8s'] }, { name: 'SQL', aliases: [] }] });
    await s.removeAlias('Kubernetes', 'k8s');
    expect(useSkills.getState().undo?.label).toBe('Removed the alias "k8s" of Kubernetes');
    await s.undoLast();
    expect((await stored())[0].skills[0].aliases).toEqual(['k8s']);
    await s.removeSkill('SQL');
    expect((await stored())[0].skills.map((k) => k.name)).toEqual(['Kubernetes']);
    await s.undoLast();
    expect((await stored())[0].skills.map((k) => k.name)).toEqual(['Kubernetes', 'SQL']);
    const id = useSkills.getState().selectedId as string;
    await s.removeDictionary(id);
    expect(await stored()).toEqual([]);
    await s.undoLast();
    expect(await stored()).toHaveLength(1);
    expect(useSkills.getState().selectedId).toBe(id);
    // a reload reads what is stored
    useSkills.setState({ dictionaries: [], selectedId: null, loaded: false });
    await s.load();
    expect(useSkills.getState()).toMatchObject({ loaded: true, selectedId: id });
  });
});
