import { create } from 'zustand';
import { storageErrorMessage } from '../db/db';
import type { SkillRunRecord } from '../db/records';
import { deleteSkillRun, listSkillRuns, reopenSkillRun, saveSkillRun, summarizeSkillRun, type SkillRunSummary } from '../db/skill-runs-repo';
import { cellText, getColumn, type Column, type Frame } from '../ml/data/frame';
import type { MultilabelReport } from '../ml/metrics/multilabel';
import type { SkillDictionary } from '../ml/skills/dictionary';
import { evaluateExtraction, parseGoldCell } from '../ml/skills/evaluate';
import { compileDictionary, extractSkills, type SkillHit, type Strategy } from '../ml/skills/extract';
import { compactHits } from '../ml/skills/stored-hits';

/**
 * One extraction over a dataset's text column, with its evaluation when a gold column (JSON arrays
 * of skills) is chosen. It runs on the main thread in slices of at most SLICE_MS, yielding between
 * them so the page stays responsive and the progress shows, however long the texts: matching
 * costs about 0.3 ms for a 180-character posting (10,000 demo postings in about 3 s on a shared
 * 2-core machine), and a worker would add copying every text and hit across for that.
 * A finished run is stored at once (skillRuns: what ran, the dictionary snapshot, hits, report);
 * reopening one puts it back here exactly as it was shown after the run.
 */
export interface ExtractionRequest {
  frame: Frame;
  datasetId: string;
  datasetName: string;
  column: string;
  dictionaryId: string;
  goldColumn: string | null;
  dictionary: SkillDictionary;
  version: string;
  strategies: Strategy[];
}

/** What the results show: the request, and the stored run's id and time once it is saved. */
export type ShownRequest = Omit<ExtractionRequest, 'frame' | 'dictionary'> & { runId: string | null; createdAt: number };

interface ExtractionState {
  phase: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  request: ShownRequest | null;
  texts: (string | null)[];
  hits: SkillHit[][];
  report: MultilabelReport | null;
  /** why a reopened run shows no highlighted text (its dataset is gone or changed) */
  textsNote: string | null;
  error: string | null;
  /** past runs, newest first */
  runs: SkillRunSummary[];
  runsLoaded: boolean;
  /** the last deleted run, for Undo */
  deleted: SkillRunRecord | null;
  run: (req: ExtractionRequest) => Promise<void>;
  cancel: () => void;
  loadRuns: () => Promise<void>;
  reopen: (id: string) => Promise<void>;
  deleteRun: (id: string) => Promise<void>;
  undoDelete: () => Promise<void>;
}

const SLICE_MS = 30;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A column that holds JSON arrays: its first non-empty cells all start with "[". */
export function looksLikeGold(col: Column): boolean {
  let seen = 0;
  for (let r = 0; r < col.values.length && seen < 20; r++) {
    const t = cellText(col, r)?.trim();
    if (!t) continue;
    if (!t.startsWith('[')) return false;
    seen++;
  }
  return seen > 0;
}

let runToken = 0;
const newRunId = () => `sr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useSkillsExtraction = create<ExtractionState>((set, get) => ({
  phase: 'idle',
  done: 0,
  total: 0,
  request: null,
  texts: [],
  hits: [],
  report: null,
  textsNote: null,
  error: null,
  runs: [],
  runsLoaded: false,
  deleted: null,
  async run({ frame, dictionary, ...req }) {
    const token = ++runToken;
    const request: ShownRequest = { ...req, runId: null, createdAt: Date.now() };
    try {
      const col = getColumn(frame, request.column);
      const texts = Array.from({ length: frame.rowCount }, (_, r) => cellText(col, r));
      let gold: string[][] | null = null;
      if (request.goldColumn) {
        const g = getColumn(frame, request.goldColumn);
        gold = texts.map((_, r) => parseGoldCell(cellText(g, r), `${request.datasetName}, row ${r + 1}, column "${request.goldColumn}"`));
      }
      set({ phase: 'running', done: 0, total: texts.length, request, texts, hits: [], report: null, textsNote: null, error: null });
      const compiled = compileDictionary(dictionary);
      const hits: SkillHit[][] = [];
      while (hits.length < texts.length) {
        const until = performance.now() + SLICE_MS;
        do {
          const t = texts[hits.length];
          hits.push(t === null ? [] : extractSkills(compiled, t, request.strategies));
        } while (hits.length < texts.length && performance.now() < until);
        set({ done: hits.length });
        await nextTask();
        if (token !== runToken) return;
      }
      const report = gold ? evaluateExtraction(gold, hits) : null;
      set({ phase: 'done', hits, report });
      const record: SkillRunRecord = {
        id: newRunId(),
        createdAt: request.createdAt,
        datasetId: request.datasetId,
        datasetName: request.datasetName,
        column: request.column,
        goldColumn: request.goldColumn,
        dictionaryId: request.dictionaryId,
        dictionaryName: dictionary.name,
        dictionaryVersion: request.version,
        dictionary: { name: dictionary.name, skills: dictionary.skills },
        strategies: [...request.strategies],
        rowCount: texts.length,
        hits: compactHits(hits),
        metrics: report,
      };
      try {
        await saveSkillRun(record);
      } catch (e) {
        if (token === runToken) set({ error: storageErrorMessage(e, 'the extraction run') });
        return;
      }
      set((s) => ({ runs: [summarizeSkillRun(record), ...s.runs.filter((r) => r.id !== record.id)], ...(token === runToken ? { request: { ...request, runId: record.id } } : {}) }));
    } catch (e) {
      if (token === runToken) set({ phase: 'failed', error: message(e) });
    }
  },
  cancel() {
    runToken++;
    set({ phase: 'idle', done: 0, total: 0 });
  },
  async loadRuns() {
    try {
      set({ runs: await listSkillRuns(), runsLoaded: true });
    } catch (e) {
      set({ runsLoaded: true, error: `Could not read the stored extraction runs: ${message(e)}` });
    }
  },
  async reopen(id) {
    const token = ++runToken;
    try {
      const { record: r, hits, texts, textsNote } = await reopenSkillRun(id);
      if (token !== runToken) return;
      set({
        phase: 'done',
        done: r.rowCount,
        total: r.rowCount,
        request: { datasetId: r.datasetId, datasetName: r.datasetName, column: r.column, goldColumn: r.goldColumn, dictionaryId: r.dictionaryId, version: r.dictionaryVersion, strategies: r.strategies, runId: r.id, createdAt: r.createdAt },
        texts: texts ?? hits.map(() => null),
        hits,
        report: r.metrics,
        textsNote,
        error: null,
      });
    } catch (e) {
      if (token === runToken) set({ error: message(e) });
    }
  },
  async deleteRun(id) {
    const before = await deleteSkillRun(id);
    if (!before) return;
    const shown = get().request?.runId === id;
    set((s) => ({ runs: s.runs.filter((r) => r.id !== id), deleted: before, ...(shown ? { phase: 'idle' as const, request: null, texts: [], hits: [], report: null, textsNote: null } : {}) }));
  },
  async undoDelete() {
    const r = get().deleted;
    if (!r) return;
    await saveSkillRun(r);
    set((s) => ({ deleted: null, runs: [summarizeSkillRun(r), ...s.runs.filter((x) => x.id !== r.id)].sort((a, b) => b.createdAt - a.createdAt) }));
  },
}));
