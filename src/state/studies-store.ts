import { create } from 'zustand';
import { frameTransferables } from '../ml/data/frame';
import { recipeProblems, type Recipe } from '../ml/recipe/recipe';
import { TeamClient } from '../team/client';
import type { StudyDetail, StudySummary } from '../team/study-api';
import { StudyClient } from '../team/study-client';
import type { WorkerSummary } from '../team/study-worker';
import type { StudyRequest, StudyWorkerEventMsg } from '../../workers/study.protocol';
import { studyTables } from '../features/team/study-tables';
import { useConnect } from './connect-store';

/**
 * The team's studies on the Kiln server, and this tab as one of their workers. The open study is
 * read again every second while it is shown (the trials other workers claim and finish appear
 * live); joining starts a worker that claims trials until none is left or Leave is pressed.
 */
export interface TabWorker {
  study: string;
  name: string;
  phase: 'loading' | 'working' | 'stopping' | 'done' | 'failed';
  detail: string;
  trial: number | null;
  finished: number;
  summary: WorkerSummary | null;
  error: string | null;
}

interface StudiesState {
  studies: StudySummary[];
  open: StudyDetail | null;
  error: string | null;
  worker: TabWorker | null;
  refresh: () => Promise<void>;
  show: (name: string | null) => Promise<void>;
  join: (name: string) => Promise<void>;
  leave: () => void;
}

const POLL_MS = 1000;
const studies = () => {
  const { url, token } = useConnect.getState();
  return new StudyClient(new TeamClient(url, token));
};
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

let poll: ReturnType<typeof setInterval> | null = null;
let worker: Worker | null = null;
let workerId = '';

export const useStudies = create<StudiesState>((set, get) => ({
  studies: [],
  open: null,
  error: null,
  worker: null,
  refresh: async () => {
    try {
      set({ studies: await studies().list(), error: null });
      const open = get().open;
      if (open) set({ open: await studies().get(open.name) });
    } catch (e) {
      set({ error: message(e) });
    }
  },
  show: async (name) => {
    if (poll) clearInterval(poll);
    poll = null;
    if (!name) return set({ open: null });
    try {
      set({ open: await studies().get(name), error: null });
      poll = setInterval(() => void get().refresh(), POLL_MS);
    } catch (e) {
      set({ error: message(e) });
    }
  },
  join: async (name) => {
    if (worker) return;
    const id = crypto.randomUUID();
    const me = `tab ${id.slice(0, 8)}`;
    const base = { study: name, name: me, trial: null, finished: 0, summary: null, error: null };
    set({ worker: { ...base, phase: 'loading', detail: 'reading the study’s tables' } });
    try {
      const s = await studies().get(name);
      const problems = recipeProblems(s.recipe);
      if (problems.length) throw new Error(`the study's recipe cannot run in this studio: ${problems.join('; ')}`);
      const recipe = s.recipe as unknown as Recipe;
      const { url, token } = useConnect.getState();
      const tables = await studyTables(recipe, { url, token });
      workerId = id;
      worker = new Worker(new URL('../../workers/study.worker.ts', import.meta.url), { type: 'module' });
      const update = (p: Partial<TabWorker>) => set({ worker: { ...get().worker!, ...p } });
      worker.onmessage = (e: MessageEvent<StudyWorkerEventMsg>) => {
        const ev = e.data;
        if (ev.status === 'stage') update({ phase: 'working', detail: ev.detail });
        else if (ev.status === 'event') {
          const w = ev.event;
          if (w.type === 'claimed') update({ phase: get().worker?.phase === 'stopping' ? 'stopping' : 'working', trial: w.number });
          if (w.type === 'finished') update({ trial: null, finished: (get().worker?.finished ?? 0) + 1 });
          if (w.type === 'lost') update({ trial: null });
        } else {
          worker?.terminate();
          worker = null;
          update(ev.status === 'done' ? { phase: 'done', summary: ev.summary, trial: null } : { phase: 'failed', error: ev.message, trial: null });
          void get().refresh();
        }
      };
      const req: StudyRequest = { type: 'join', id, server: url, token, study: name, worker: me, recipe, tables, leaseSeconds: s.leaseSeconds, metric: s.spec.metric, direction: s.spec.direction };
      // the matcher's roles may be one table: each buffer is transferred once
      worker.postMessage(req, [...new Set(Object.values(tables).flatMap((t) => frameTransferables(t.frame)))]);
      set({ worker: { ...get().worker!, phase: 'working', detail: 'preparing the data every trial shares' } });
    } catch (e) {
      set({ worker: { ...base, phase: 'failed', detail: '', error: message(e) } });
    }
  },
  leave: () => {
    const w = get().worker;
    if (!worker || !w) return;
    // the running trial ends at its next step unfinished: its lease runs out and another worker takes it over
    worker.postMessage({ type: 'stop', id: workerId } satisfies StudyRequest);
    set({ worker: { ...w, phase: 'stopping' } });
  },
}));
