import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataError } from '../ml/data/data-error';
import { parseDelimited, type RawTable } from '../ml/data/parse-delimited';
import { parseJsonl } from '../ml/data/parse-jsonl';
import { compileDictionary, demoSkillDictionary, DictionaryError, dictionaryToJson, dictionaryToYaml, extractSkills, parseDictionary, parseGoldCell, STRATEGIES, type Strategy } from '../ml/skills';
import { generateLabeledSkills } from '../ml/skills/generate-labeled';
import { CliError, exitFor } from './errors';
import { readText } from './input';

export const SKILLS_USAGE = `  kiln skills extract --dict FILE.yaml|FILE.json --input FILE.csv|.tsv|.jsonl --column text
                [--id-column id] [--gold-column COL] [--strategies exact,alias,normalized,fuzzy] [--out FILE.jsonl]
      one JSON line per row: {id?, skills: [canonical names], hits: [{skill, strategies, confidence,
      spans: [{start, end, text, term, strategies, confidence}]}]}; the dictionary's version on stderr
      --id-column defaults to a column named "id" when there is one; --gold-column (JSON arrays) adds
      "gold" and "pred" to each line, the input of kiln evaluate --task extraction
  kiln skills generate [--docs 600] [--seed 24] [--out FILE.jsonl]
      the labeled set the acceptance test scores: demo-jobs postings, one JSON line each {id, text,
      gold, mentions: [{skill, form, source, text, start, end}]} (src/ml/skills/generate-labeled.ts)
  kiln skills demo-dict [--format yaml|json]   (the demo jobs' skill dictionary on stdout)`;

type Out = (s: string) => void;

/** A CSV/TSV or JSONL table, parsed by the same readers the studio uses; errors name the file and line. */
function readTable(file: string): RawTable {
  const text = readText(file);
  try {
    const lower = file.toLowerCase();
    if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return parseJsonl(file, text);
    return parseDelimited(file, text, lower.endsWith('.tsv') ? '\t' : ',');
  } catch (e) {
    if (e instanceof DataError) throw new CliError(e.message);
    throw e;
  }
}

function column(raw: RawTable, file: string, name: string): RawTable['columns'][number] {
  const c = raw.header.indexOf(name);
  if (c < 0) throw new CliError(`${file}: missing column "${name}" (columns: ${raw.header.join(', ')})`);
  return raw.columns[c];
}

function parseStrategies(v: string | undefined): Strategy[] {
  if (v === undefined) return [...STRATEGIES];
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!(STRATEGIES as readonly string[]).includes(s)) throw new CliError(`--strategies: "${s}" is not one of ${STRATEGIES.join(', ')}`);
  if (list.length === 0) throw new CliError('--strategies needs at least one strategy');
  return list as Strategy[];
}

export async function runSkills(args: string[], out: Out, err: Out): Promise<number> {
  try {
    const [sub, ...rest] = args;
    if (sub === 'generate') return generate(rest, out);
    if (sub === 'demo-dict') {
      const { values } = parseArgs({ args: rest, options: { format: { type: 'string' } }, strict: true });
      if (values.format && values.format !== 'yaml' && values.format !== 'json') throw new CliError(`--format must be yaml or json, got "${values.format}"`);
      out(values.format === 'json' ? dictionaryToJson(demoSkillDictionary()) : dictionaryToYaml(demoSkillDictionary()));
      return 0;
    }
    if (sub !== 'extract') throw new CliError(`kiln skills: unknown subcommand ${sub ? `"${sub}"` : '(none)'}\n\n${SKILLS_USAGE}`);
    const { values } = parseArgs({
      args: rest,
      options: { dict: { type: 'string' }, input: { type: 'string' }, column: { type: 'string' }, 'id-column': { type: 'string' }, 'gold-column': { type: 'string' }, strategies: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    });
    const need = (v: string | undefined, flag: string) => {
      if (!v) throw new CliError(`kiln skills extract: missing --${flag}\n\n${SKILLS_USAGE}`);
      return v;
    };
    const dictFile = need(values.dict, 'dict');
    let dict;
    try {
      dict = parseDictionary(readText(dictFile, 'the dictionary '), dictFile);
    } catch (e) {
      if (e instanceof DictionaryError) throw new CliError(e.message);
      throw e;
    }
    const strategies = parseStrategies(values.strategies);
    const input = need(values.input, 'input');
    const raw = readTable(input);
    const texts = column(raw, input, need(values.column, 'column'));
    const idName = values['id-column'] ?? (raw.header.includes('id') ? 'id' : undefined);
    const ids = idName === undefined ? undefined : column(raw, input, idName);
    const goldName = values['gold-column'];
    const goldCells = goldName === undefined ? undefined : column(raw, input, goldName);
    const gold = goldCells?.map((cell, r) => {
      try {
        return parseGoldCell(cell === null || cell === undefined ? null : String(cell), `${input}, row ${r + 1}, column "${goldName}"`);
      } catch (e) {
        throw new CliError((e as Error).message);
      }
    });
    const compiled = compileDictionary(dict);
    const lines: string[] = [];
    for (let r = 0; r < raw.rowCount; r++) {
      const cell = texts[r];
      const hits = cell === null || cell === undefined ? [] : extractSkills(compiled, String(cell), strategies);
      const id = ids?.[r];
      const skills = hits.map((h) => h.skill);
      lines.push(JSON.stringify({ ...(ids ? { id: id === null || id === undefined ? null : typeof id === 'number' ? id : String(id) } : {}), skills, hits, ...(gold ? { gold: gold[r], pred: skills } : {}) }));
    }
    const text = lines.length ? `${lines.join('\n')}\n` : '';
    if (values.out) writeFileSync(values.out, text);
    else out(text);
    err(`kiln: ${raw.rowCount} rows, dictionary "${dict.name}" ${compiled.version} (${dict.skills.length} skills), strategies ${strategies.join(', ')}\n`);
    return 0;
  } catch (e) {
    return exitFor(e, err, SKILLS_USAGE);
  }
}

function generate(args: string[], out: Out): number {
  const { values } = parseArgs({ args, options: { docs: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } }, strict: true });
  const int = (v: string | undefined, flag: string, dflt: number) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`--${flag} takes a whole number, got "${v}"`);
    return n;
  };
  const docs = generateLabeledSkills(demoSkillDictionary(), { docs: int(values.docs, 'docs', 600), seed: int(values.seed, 'seed', 24) });
  const text = docs.map((d) => JSON.stringify({ id: d.id, text: d.text, gold: d.skills, mentions: d.mentions })).join('\n');
  if (values.out) writeFileSync(values.out, text ? `${text}\n` : '');
  else out(text ? `${text}\n` : '');
  return 0;
}
