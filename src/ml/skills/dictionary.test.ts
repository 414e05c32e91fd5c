import { describe, expect, it } from 'vitest';
import { demoSkillDictionary } from './demo-vocab';
import { DictionaryError, dictionaryToJson, dictionaryToYaml, dictionaryVersion, parseDictionary, parseDictionaryJson, parseDictionaryYaml } from './dictionary';

const YAML = `name: ml-skills
skills:
  - name: scikit-learn
    aliases: [sklearn, scikit learn]
    category: datascience
  - name: Kubernetes
    aliases:
      - k8s
`;

describe('skill dictionaries', () => {
  it('reads the skills-list shape from YAML and JSON alike', () => {
    const y = parseDictionaryYaml(YAML, 'ml.yaml');
    expect(y).toEqual({
      name: 'ml-skills',
      skills: [
        { name: 'scikit-learn', aliases: ['sklearn', 'scikit learn'], category: 'datascience' },
        { name: 'Kubernetes', aliases: ['k8s'] },
      ],
    });
    expect(parseDictionaryJson(JSON.stringify(y), 'ml.json')).toEqual(y);
  });

  it('reads the plain canonical → aliases mapping (skill_aliases.yaml)', () => {
    const d = parseDictionary('scikit-learn: [sklearn]\nKubernetes:\n  aliases: [k8s]\n  category: ml\nSQL: []\n', 'skill_aliases.yml');
    expect(d).toEqual({
      name: 'skill_aliases',
      skills: [
        { name: 'scikit-learn', aliases: ['sklearn'] },
        { name: 'Kubernetes', aliases: ['k8s'], category: 'ml' },
        { name: 'SQL', aliases: [] },
      ],
    });
  });

  it('round-trips through YAML and JSON with the version unchanged', () => {
    const demo = demoSkillDictionary();
    const fromYaml = parseDictionaryYaml(dictionaryToYaml(demo), 'demo.yaml');
    const fromJson = parseDictionaryJson(dictionaryToJson(demo), 'demo.json');
    expect(fromYaml).toEqual(demo);
    expect(fromJson).toEqual(demo);
    expect(dictionaryVersion(fromYaml)).toBe(dictionaryVersion(demo));
  });

  it('versions the content, not its order', () => {
    const d = parseDictionaryYaml(YAML, 'ml.yaml');
    const v = dictionaryVersion(d);
    expect(v).toMatch(/^sd1-[0-9a-f]{14}$/);
    expect(dictionaryVersion({ ...d, skills: [...d.skills].reverse().map((s) => ({ ...s, aliases: [...s.aliases].reverse() })) })).toBe(v);
    expect(dictionaryVersion({ ...d, skills: [...d.skills, { name: 'Docker', aliases: [] }] })).not.toBe(v);
    expect(dictionaryVersion({ ...d, skills: d.skills.map((s, i) => (i === 1 ? { ...s, aliases: ['kube'] } : s)) })).not.toBe(v);
  });

  it('names the line of a YAML syntax error and of a bad entry', () => {
    expect(() => parseDictionaryYaml('skills:\n  - name: a\n    aliases: [b\n', 'bad.yaml')).toThrow(/bad\.yaml, line \d/);
    expect(() => parseDictionaryYaml('skills:\n  - name: SQL\n  - aliases: [x]\n', 'bad.yaml')).toThrow('bad.yaml: skills[1] (line 3): name must be a non-empty string');
    expect(() => parseDictionaryYaml('skills:\n  - name: SQL\n  - name: Postgres\n    aliases: [sql]\n', 'dup.yaml')).toThrow(
      'dup.yaml: skills[1] ("Postgres") (line 3): "sql" already names the skill "SQL"',
    );
    expect(() => parseDictionaryYaml('SQL: [psql]\nPostgres: [psql]\n', 'map.yaml')).toThrow('map.yaml: entry "Postgres" (line 2): "psql" already names the skill "SQL"');
    expect(() => parseDictionaryYaml('a: 1\na: 2\n', 'keys.yaml')).toThrow(DictionaryError);
  });

  it('names the entry of a bad JSON dictionary and the line of a syntax error', () => {
    expect(() => parseDictionaryJson('{"skills": [{"name": "SQL", "aliases": [3, {}]}]}', 'd.json')).toThrow('d.json: skills[0] ("SQL"): aliases[1] must be a string, got {}');
    expect(() => parseDictionaryJson('{"skills": "SQL"}', 'd.json')).toThrow('d.json: "skills" must be a list');
    expect(() => parseDictionaryJson('[1]', 'd.json')).toThrow(/d\.json: a skill dictionary is a mapping/);
    expect(() => parseDictionaryJson('{\n  "skills": [\n    {"name": "SQL",}\n  ]\n}', 'd.json')).toThrow(/d\.json, line 3, column \d+: not valid JSON/);
  });

  it('reads, writes and versions the case_sensitive flag', () => {
    const d = parseDictionaryYaml('skills:\n  - name: React\n    case_sensitive: true\n', 'r.yaml');
    expect(d.skills).toEqual([{ name: 'React', aliases: [], caseSensitive: true }]);
    expect(parseDictionaryYaml(dictionaryToYaml(d), 'r.yaml')).toEqual(d);
    expect(dictionaryVersion(d)).not.toBe(dictionaryVersion({ ...d, skills: [{ name: 'React', aliases: [] }] }));
    expect(() => parseDictionaryJson('{"skills": [{"name": "React", "case_sensitive": "yes"}]}', 'r.json')).toThrow('r.json: skills[0] ("React"): case_sensitive must be true or false');
  });

  it('drops empty aliases and an alias equal to its own name', () => {
    expect(parseDictionaryJson('{"skills": [{"name": " Go ", "aliases": ["Go", "", "Golang", "Golang"]}]}', 'd.json').skills).toEqual([{ name: 'Go', aliases: ['Golang'] }]);
  });
});
