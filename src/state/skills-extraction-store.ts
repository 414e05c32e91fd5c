import { create } from 'zustand';
import { cellText, getColumn, type Column, type Frame } from '../ml/data/frame';
import type { MultilabelReport } from '../ml/metrics/multilabel';
import type { SkillDictionary } from '../ml/skills/dictionary';
import { evaluateExtraction, parseGoldCell } from '../ml/skills/evaluate';
import { compileDictionary, extractSkills, type SkillHit, type Strategy } from '../ml/skills/extract';

/**
 * One extraction over a dataset's text column, with its evaluation when a gold column (JSON arrays
 * of skills) is chosen. It runs on the main thread in slices of at most SLICE_MS, yielding between
 * them so the page stays responsive and the progress shows, however long the texts: matching
 * costs about 0.3 ms for a 180-character posting (10,000 demo postings in about 3 s on a shared
 * 2-core machine), and a worker would add copying every text and hit across for that.
 */
export interface ExtractionRequest {
  frame: Frame;
  datasetId: string;
  datasetName: string;
  column: string;
  goldColumn: string | null;
  dictionary: SkillDictionary;
  version: string;
  strategies: Strategy[];
}

interface ExtractionState {
  phase: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  request: Omit<ExtractionRequest, 'frame' | 'dictionary'> | null;
  texts: (string | null)[];
  hits: SkillHit[][];
  gold: string[][] | null;
  report: MultilabelReport | null;
  error: string | null;
  run: (req: ExtractionRequest) => Promise<void>;
  cancel: () => void;
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

export const useSkillsExtraction = create<ExtractionState>((set) => ({
  phase: 'idle',
  done: 0,
  total: 0,
  request: null,
  texts: [],
  hits: [],
  gold: null,
  report: null,
  error: null,
  async run({ frame, dictionary, ...request }) {
    const token = ++runToken;
    try {
      const col = getColumn(frame, request.column);
      const texts = Array.from({ length: frame.rowCount }, (_, r) => cellText(col, r));
      let gold: string[][] | null = null;
      if (request.goldColumn) {
        const g = getColumn(frame, request.goldColumn);
        gold = texts.map((_, r) => parseGoldCell(cellText(g, r), `${request.datasetName}, row ${r + 1}, column "${request.goldColumn}"`));
      }
      set({ phase: 'running', done: 0, total: texts.length, request, texts, hits: [], gold, report: null, error: null });
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
      set({ phase: 'done', hits, report: gold ? evaluateExtraction(gold, hits) : null });
    } catch (e) {
      if (token === runToken) set({ phase: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  },
  cancel() {
    runToken++;
    set({ phase: 'idle', done: 0, total: 0 });
  },
}));
