import type { ColumnStats } from '../../data/column-stats';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceDataConfig, type SequenceModelConfig } from './config';
import type { HistorySource } from './histories';

export interface SequenceSetup {
  data: SequenceDataConfig;
  model: SequenceModelConfig;
}

const find = (stats: ColumnStats[], re: RegExp, ok: (s: ColumnStats) => boolean = () => true) => stats.find((s) => re.test(s.name.toLowerCase()) && ok(s))?.name;

/**
 * A first guess at where the work histories are: a text column that holds JSON arrays (or is
 * named like one) means one history per row; title + start date columns mean a long table.
 * Null when the dataset has neither shape.
 */
export function guessHistorySource(stats: ColumnStats[]): HistorySource | null {
  const text = (s: ColumnStats) => s.dtype === 'text' || s.dtype === 'categorical' || s.dtype === 'id';
  const idColumn = find(stats, /^(id|.*_id|entity|candidate|person)$/) ?? stats.find((s) => s.dtype === 'id')?.name ?? stats[0]?.name;
  // a name that says so first; else values that look like arrays of objects (a text[] column also starts with "[")
  const json = find(stats, /(work_?history|career|history|roles|experience)/, text) ?? stats.find((s) => text(s) && s.top?.some((t) => /^\s*\[\s*\{/.test(t.value)))?.name;
  if (json && idColumn) return { shape: 'json', idColumn, historyColumn: json };
  const title = find(stats, /title|role|position/, text);
  const start = find(stats, /start/);
  const end = find(stats, /end/);
  if (title && start && end) {
    const entity = find(stats, /(entity|candidate|person|employee|user).*id|^id$|_id$/) ?? idColumn;
    if (entity) return { shape: 'long', idColumn: entity, titleColumn: title, startColumn: start, endColumn: end };
  }
  return null;
}

export function defaultSequenceSetup(stats: ColumnStats[]): SequenceSetup | null {
  const source = guessHistorySource(stats);
  return source ? { data: defaultSequenceData(source), model: { ...DEFAULT_SEQUENCE_MODEL } } : null;
}
