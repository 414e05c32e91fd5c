import { useState, type ChangeEvent } from 'react';
import { dictionaryToJson, dictionaryToYaml } from '../../ml/skills/dictionary';
import type { SkillDictionaryRecord } from '../../db/records';
import { starterDictionary, useSkills } from '../../state/skills-store';
import { saveFile } from '../export/save-file';
import { DismissibleError } from '../shared/DismissibleError';

const fileBase = (name: string) => name.replace(/[^\w.-]+/g, '_') || 'skills';

function SkillRow({ skill, aliases, category, caseSensitive }: { skill: string; aliases: string[]; category?: string; caseSensitive: boolean }) {
  const addAlias = useSkills((s) => s.addAlias);
  const setCaseSensitive = useSkills((s) => s.setCaseSensitive);
  const removeAlias = useSkills((s) => s.removeAlias);
  const removeSkill = useSkills((s) => s.removeSkill);
  const [alias, setAlias] = useState('');
  const add = () => {
    if (alias.trim()) void addAlias(skill, alias).then(() => setAlias(''));
  };
  return (
    <tr data-testid="skill-row" data-skill={skill}>
      <td>
        <strong>{skill}</strong>
        {category && <span className="muted"> · {category}</span>}
      </td>
      <td>
        {aliases.map((a) => (
          <span key={a} className="chip" data-testid="alias-chip" data-alias={a}>
            {a}{' '}
            <button type="button" className="link" aria-label={`Remove alias ${a}`} data-testid="alias-remove" onClick={() => void removeAlias(skill, a)}>
              ×
            </button>
          </span>
        ))}
        <input
          aria-label={`New alias of ${skill}`}
          data-testid="alias-input"
          size={12}
          placeholder="add alias"
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
          }}
        />
        <button type="button" data-testid="alias-add" onClick={add} disabled={!alias.trim()}>
          Add
        </button>
      </td>
      <td>
        <label className="inline" title="Match only as written (exact and alias): for names that are ordinary words in lower case, like React or Spark">
          <input type="checkbox" data-testid="skill-case-sensitive" checked={caseSensitive} onChange={(e) => void setCaseSensitive(skill, e.target.checked)} /> as written only
        </label>
      </td>
      <td>
        <button type="button" data-testid="skill-remove" aria-label={`Remove skill ${skill}`} onClick={() => void removeSkill(skill)}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function Editor({ dict }: { dict: SkillDictionaryRecord }) {
  const addSkill = useSkills((s) => s.addSkill);
  const rename = useSkills((s) => s.rename);
  const [name, setName] = useState('');
  const [category, setCategory] = useState('');
  const [filter, setFilter] = useState('');
  const add = () => {
    if (name.trim()) void addSkill(name, category).then(() => setName(''));
  };
  const q = filter.trim().toLowerCase();
  const shown = q ? dict.skills.filter((s) => [s.name, ...s.aliases, s.category ?? ''].some((t) => t.toLowerCase().includes(q))) : dict.skills;
  return (
    <div data-testid="dictionary-editor">
      <p>
        <label>
          Name{' '}
          <input key={dict.id} data-testid="dict-name" defaultValue={dict.name} onBlur={(e) => e.target.value !== dict.name && void rename(e.target.value)} />
        </label>{' '}
        <span className="muted" data-testid="dict-version" data-version={dict.version}>
          {dict.skills.length} skills · {dict.skills.reduce((a, s) => a + s.aliases.length, 0)} aliases · version {dict.version}
        </span>
      </p>
      <p>
        <input aria-label="New skill" data-testid="skill-add-name" placeholder="canonical skill name" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />{' '}
        <input aria-label="Category of the new skill" data-testid="skill-add-category" placeholder="category (optional)" value={category} onChange={(e) => setCategory(e.target.value)} />{' '}
        <button type="button" data-testid="skill-add" onClick={add} disabled={!name.trim()}>
          Add skill
        </button>{' '}
        <input aria-label="Filter skills" data-testid="skill-filter" placeholder="filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </p>
      <div className="table-scroll">
        <table className="compact">
          <thead>
            <tr>
              <th>Skill</th>
              <th>Aliases</th>
              <th>Case</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <SkillRow key={s.name} skill={s.name} aliases={s.aliases} category={s.category} caseSensitive={s.caseSensitive === true} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The dictionaries: pick, create (empty or the demo jobs' skills), import and export YAML/JSON, delete, and edit the chosen one. */
export function DictionaryPanel() {
  const { dictionaries, selectedId, error, undo } = useSkills();
  const { select, create, importFile, removeDictionary, undoLast, dismissError } = useSkills.getState();
  const dict = dictionaries.find((d) => d.id === selectedId) ?? null;
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await importFile(file.name, await file.text());
  };
  const exportAs = (kind: 'yaml' | 'json') => {
    if (!dict) return;
    const plain = { name: dict.name, skills: dict.skills };
    if (kind === 'yaml') saveFile(`${fileBase(dict.name)}.yaml`, dictionaryToYaml(plain), 'application/yaml');
    else saveFile(`${fileBase(dict.name)}.json`, dictionaryToJson(plain), 'application/json');
  };
  return (
    <section className="card" data-testid="dictionary-panel" data-count={dictionaries.length}>
      <h2>Skill dictionary</h2>
      <p>
        <select aria-label="Dictionary" data-testid="dict-select" value={selectedId ?? ''} onChange={(e) => select(e.target.value)} disabled={dictionaries.length === 0}>
          {dictionaries.length === 0 && <option value="">no dictionary yet</option>}
          {dictionaries.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.skills.length})
            </option>
          ))}
        </select>{' '}
        <button type="button" data-testid="dict-new-empty" onClick={() => void create({ name: 'new dictionary', skills: [] })}>
          New
        </button>{' '}
        <button type="button" data-testid="dict-new-demo" onClick={() => void create(starterDictionary())}>
          New from the demo jobs' skills
        </button>{' '}
        <label className="button">
          Import YAML/JSON <input type="file" accept=".yaml,.yml,.json" data-testid="dict-import" onChange={(e) => void onImport(e)} hidden />
        </label>{' '}
        <button type="button" data-testid="dict-export-yaml" disabled={!dict} onClick={() => exportAs('yaml')}>
          Export YAML
        </button>{' '}
        <button type="button" data-testid="dict-export-json" disabled={!dict} onClick={() => exportAs('json')}>
          Export JSON
        </button>{' '}
        <button
          type="button"
          data-testid="dict-delete"
          disabled={!dict}
          onClick={() => {
            if (dict && window.confirm(`Delete the dictionary "${dict.name}" (${dict.skills.length} skills)?`)) void removeDictionary(dict.id);
          }}
        >
          Delete
        </button>
      </p>
      <DismissibleError error={error} onDismiss={dismissError} testId="skills-error" />
      {undo && (
        <p className="note" data-testid="skills-undo-bar">
          {undo.label}.{' '}
          <button type="button" data-testid="skills-undo" onClick={() => void undoLast()}>
            Undo
          </button>
        </p>
      )}
      {dict ? <Editor dict={dict} /> : <p className="note">Create a dictionary, start from the demo jobs' skills, or import a YAML or JSON file (a "skills" list of name, aliases, category; or canonical name → aliases).</p>}
    </section>
  );
}
