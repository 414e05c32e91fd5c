import { cellText, type Column } from '../ml/data/frame';
import type { SkillHit } from '../ml/skills/extract';
import { expandHits, hitsMatchTexts } from '../ml/skills/stored-hits';
import { loadStored } from './datasets-repo';
import { db, type KilnDB } from './db';
import type { SkillRunRecord } from './records';

/** What the list of past extractions shows: a run without its hits, report and dictionary snapshot. */
export type SkillRunSummary = Pick<SkillRunRecord, 'id' | 'createdAt' | 'datasetId' | 'datasetName' | 'column' | 'goldColumn' | 'dictionaryId' | 'dictionaryName' | 'dictionaryVersion' | 'strategies' | 'rowCount'> & {
  hitCount: number;
  f1Micro: number | null;
};

export function summarizeSkillRun(r: SkillRunRecord): SkillRunSummary {
  return {
    id: r.id,
    createdAt: r.createdAt,
    datasetId: r.datasetId,
    datasetName: r.datasetName,
    column: r.column,
    goldColumn: r.goldColumn,
    dictionaryId: r.dictionaryId,
    dictionaryName: r.dictionaryName,
    dictionaryVersion: r.dictionaryVersion,
    strategies: r.strategies,
    rowCount: r.rowCount,
    hitCount: r.hits.reduce((a, h) => a + h.length, 0),
    f1Micro: r.metrics ? r.metrics.f1_micro : null,
  };
}

export async function saveSkillRun(r: SkillRunRecord, d: KilnDB = db): Promise<void> {
  await d.skillRuns.put(r);
}

/** Every stored run, newest first; records are read one at a time (a cursor), so only the summaries are held. */
export async function listSkillRuns(d: KilnDB = db): Promise<SkillRunSummary[]> {
  const out: SkillRunSummary[] = [];
  await d.skillRuns.orderBy('createdAt').reverse().each((r) => out.push(summarizeSkillRun(r)));
  return out;
}

/** Removes a run and returns it as it was (for Undo), or null when there was none. */
export async function deleteSkillRun(id: string, d: KilnDB = db): Promise<SkillRunRecord | null> {
  return d.transaction('rw', d.skillRuns, async () => {
    const r = (await d.skillRuns.get(id)) ?? null;
    if (r) await d.skillRuns.delete(id);
    return r;
  });
}

/** A stored run ready to show again: its hits as extractSkills gave them, and the texts they were found in. */
export interface ReopenedSkillRun {
  record: SkillRunRecord;
  hits: SkillHit[][];
  /** the run's texts, read from its dataset; null with `textsNote` when they are gone or differ */
  texts: (string | null)[] | null;
  textsNote: string | null;
}

/**
 * Reads a run back. Its texts come from its dataset as imported (overrides aside: a column typed
 * differently since still holds the same strings); when the dataset or column is gone, or its
 * rows no longer hold the spans, the hits and metrics still show and `textsNote` says why the
 * highlighted text does not.
 */
export async function reopenSkillRun(id: string, d: KilnDB = db): Promise<ReopenedSkillRun> {
  const record = await d.skillRuns.get(id);
  if (!record) throw new Error(`skills extraction run ${id} is not in this browser's storage`);
  const hits = expandHits(record.hits, new Map(record.dictionary.skills.map((s) => [s.name, s.category])));
  let texts: (string | null)[] | null = null;
  let textsNote: string | null = null;
  const col: Column | undefined = (await d.datasets.get(record.datasetId)) ? (await loadStored(record.datasetId, d)).frame.columns.find((c) => c.name === record.column) : undefined;
  if (!col) textsNote = `The texts are not shown: the dataset "${record.datasetName}" or its column "${record.column}" is no longer stored.`;
  else {
    const read = Array.from({ length: col.values.length }, (_, r) => cellText(col, r));
    if (hitsMatchTexts(hits, read)) texts = read;
    else textsNote = `The texts are not shown: the dataset "${record.datasetName}" now holds other rows than this run read.`;
  }
  return { record, hits, texts, textsNote };
}
