import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataError } from '../ml/data/data-error';
import { parseDelimited, type RawTable } from '../ml/data/parse-delimited';
import { parseJsonl } from '../ml/data/parse-jsonl';
import { compileDictionary, DictionaryError, extractSkills, parseDictionary, STRATEGIES, type Strategy } from '../ml/skills';
import { CliError, exitFor } from './errors';
import { readText } from './input';

export const SKILLS_USAGE = `  kiln skills extract --dict FILE.yaml|FILE.json --input FILE.csv|.tsv|.jsonl --column text
                [--id-column id] [--strategies exact,alias,normalized,fuzzy] [--out FILE.jsonl]
      one JSON line per row: {id?, skills: [canonical names], hits: [{skill, strategies, confidence,
      spans: [{start, end, text, term, strategies, confidence}]}]}; the dictionary's version on stderr
      --id-column defaults to a column named "id" when there is one`;

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
    if (sub !== 'extract') throw new CliError(`kiln skills: unknown subcommand ${sub ? `"${sub}"` : '(none)'}\n\n${SKILLS_USAGE}`);
    const { values } = parseArgs({
      args: rest,
      options: { dict: { type: 'string' }, input: { type: 'string' }, column: { type: 'string' }, 'id-column': { type: 'string' }, strategies: { type: 'string' }, out: { type: 'string' } },
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
    const compiled = compileDictionary(dict);
    const lines: string[] = [];
    for (let r = 0; r < raw.rowCount; r++) {
      const cell = texts[r];
      const hits = cell === null || cell === undefined ? [] : extractSkills(compiled, String(cell), strategies);
      const id = ids?.[r];
      lines.push(JSON.stringify({ ...(ids ? { id: id === null || id === undefined ? null : typeof id === 'number' ? id : String(id) } : {}), skills: hits.map((h) => h.skill), hits }));
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
