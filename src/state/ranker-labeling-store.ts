import { create } from 'zustand';
import { storageErrorMessage } from '../db/db';
import { addLabels, deleteLabel, deletePoolLabels, getPool, poolLabels, putLabel, putPool } from '../db/labels-repo';
import type { PoolRecord } from '../db/records';
import { listRuns, runArtifacts } from '../db/runs-repo';
import type { Frame } from '../ml/data/frame';
import { mulberry32 } from '../ml/data/rng';
import { buildItemPool, defaultPoolSpec, type ItemPool } from '../ml/models/ranker/items';
import { itemCoverage, type PairLabel, type PairValue } from '../ml/models/ranker/labels';
import { labelsForPool, labelsToJsonl, parseLabelsJsonl, poolItemLookup, type LineError } from '../ml/models/ranker/labels-jsonl';
import { indexPairKey, samplePairs, type SampledPair } from '../ml/models/ranker/sampling';

export const DEFAULT_REASON_TAGS = ['relevance', 'quality', 'clarity', 'impact', 'novelty'];

export interface ImportReport {
  fileName: string;
  imported: number;
  errors: LineError[];
  unknownItems: LineError[];
  duplicates: number;
}

interface LabelingState {
  poolId: string | null;
  datasetName: string;
  frame: Frame | null;
  record: PoolRecord | null;
  pool: ItemPool | null;
  poolError: string | null;
  labels: PairLabel[];
  /** pairs waiting to be shown; the first is on screen */
  queue: SampledPair[];
  /** labels given in this session, newest last: what undo takes back */
  undoStack: string[];
  /** pairs skipped in this session, kept out of sampling until reload */
  skipped: Set<number>;
  tags: string[];
  note: string;
  /** the latest ranker's score per pool item (active sampling, ranked list) */
  scores: { runId: string; values: Float32Array } | null;
  samplerNote: string | null;
  importReport: ImportReport | null;
  error: string | null;
  open: (datasetId: string, datasetName: string, frame: Frame) => Promise<void>;
  updatePool: (changes: Partial<Omit<PoolRecord, 'id' | 'datasetId'>>) => Promise<void>;
  answer: (v: PairValue) => Promise<void>;
  skip: () => void;
  undo: () => Promise<void>;
  toggleTag: (i: number) => void;
  setNote: (note: string) => void;
  correct: (id: string, changes: Partial<Pick<PairLabel, 'label' | 'reasonTags' | 'note'>>) => Promise<void>;
  remove: (id: string) => Promise<void>;
  clearAll: () => Promise<void>;
  importJsonl: (text: string, fileName: string) => Promise<void>;
  exportJsonl: () => string;
  setScores: (runId: string, ids: string[], scores: Float32Array) => void;
  dismiss: () => void;
}

const newId = () => `lbl-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function defaultRecord(datasetId: string, frame: Frame): PoolRecord {
  return { id: datasetId, datasetId, spec: defaultPoolSpec(frame), reasonTags: DEFAULT_REASON_TAGS, target: 100, sampler: 'coverage', labeler: '', updatedAt: Date.now() };
}

function tryBuild(frame: Frame, rec: PoolRecord, name: string): { pool: ItemPool | null; poolError: string | null } {
  try {
    return { pool: buildItemPool(frame, rec.spec, name), poolError: null };
  } catch (e) {
    return { pool: null, poolError: e instanceof Error ? e.message : String(e) };
  }
}

/** Scores of the pool's latest finished ranker run, mapped onto the current pool's items. */
async function latestScores(poolId: string, pool: ItemPool): Promise<LabelingState['scores']> {
  const runs = (await listRuns()).filter((r) => r.family === 'ranker' && r.datasetId === poolId && r.status !== 'running' && r.status !== 'failed');
  for (const r of runs) {
    const res = (await runArtifacts(r.id)).find((a) => a.kind === 'ranker-result');
    if (res?.kind !== 'ranker-result') continue;
    return { runId: r.id, values: mapScores(res.data.ids, res.data.scores, pool.ids) };
  }
  return null;
}

function mapScores(fromIds: string[], scores: Float32Array, toIds: string[]): Float32Array {
  const at = new Map(fromIds.map((id, i) => [id, scores[i]]));
  return Float32Array.from(toIds, (id) => at.get(id) ?? 0);
}

export const useLabeling = create<LabelingState>((set, get) => {
  /** The pair on screen, sampled when the queue is empty. */
  const refill = () => {
    const { pool, record, labels, queue, skipped, scores } = get();
    if (!pool || !record || queue.length > 0) return;
    const n = pool.ids.length;
    const index = new Map(pool.ids.map((id, i) => [id, i]));
    const labeled = new Set<number>(skipped);
    for (const l of labels) {
      const a = index.get(l.a);
      const b = index.get(l.b);
      if (a !== undefined && b !== undefined) labeled.add(indexPairKey(a, b, n));
    }
    const active = record.sampler === 'active';
    const next = samplePairs(record.sampler, { n, labeled, coverage: itemCoverage(labels, pool.ids), scores: scores?.values, rng: mulberry32(Date.now() & 0x7fffffff) }, 1);
    set({ queue: next, samplerNote: active && !scores ? 'Active sampling needs a trained ranker on this pool: sampling for coverage until one exists.' : null });
  };
  const fail = (e: unknown, what: string) => set({ error: storageErrorMessage(e, what) });

  return {
    poolId: null,
    datasetName: '',
    frame: null,
    record: null,
    pool: null,
    poolError: null,
    labels: [],
    queue: [],
    undoStack: [],
    skipped: new Set(),
    tags: [],
    note: '',
    scores: null,
    samplerNote: null,
    importReport: null,
    error: null,

    open: async (datasetId, datasetName, frame) => {
      if (get().poolId === datasetId && get().frame === frame) return;
      const record = (await getPool(datasetId)) ?? defaultRecord(datasetId, frame);
      const built = tryBuild(frame, record, datasetName);
      const labels = await poolLabels(datasetId);
      const scores = built.pool ? await latestScores(datasetId, built.pool) : null;
      set({ poolId: datasetId, datasetName, frame, record, ...built, labels, queue: [], undoStack: [], skipped: new Set(), tags: [], note: '', scores, importReport: null, error: null });
      refill();
    },
    updatePool: async (changes) => {
      const { record, frame, datasetName } = get();
      if (!record || !frame) return;
      const next: PoolRecord = { ...record, ...changes, updatedAt: Date.now() };
      const rebuilt = changes.spec ? tryBuild(frame, next, datasetName) : {};
      set({ record: next, ...rebuilt, ...(changes.spec || changes.sampler ? { queue: [] } : {}) });
      try {
        await putPool(next);
      } catch (e) {
        fail(e, 'the pool settings');
      }
      refill();
    },
    answer: async (v) => {
      const { queue, pool, poolId, record, tags, note, labels } = get();
      const pair = queue[0];
      if (!pair || !pool || !poolId || !record) return;
      const last = labels[labels.length - 1]?.labeledAt ?? 0;
      const label: PairLabel = {
        id: newId(),
        poolId,
        a: pool.ids[pair.a],
        b: pool.ids[pair.b],
        label: v,
        reasonTags: tags,
        ...(note.trim() ? { note: note.trim() } : {}),
        labeledAt: Math.max(Date.now(), last + 1),
        ...(record.labeler ? { labeler: record.labeler } : {}),
        origin: record.sampler === 'active' && !get().scores ? 'coverage' : record.sampler,
      };
      try {
        // written before the view moves on: a reload or a crash right after loses nothing
        await putLabel(label);
      } catch (e) {
        fail(e, 'the label');
        return;
      }
      set({ labels: [...get().labels, label], undoStack: [...get().undoStack, label.id], queue: get().queue.slice(1), tags: [], note: '', error: null });
      refill();
    },
    skip: () => {
      const { queue, pool } = get();
      const pair = queue[0];
      if (!pair || !pool) return;
      set({ skipped: new Set([...get().skipped, indexPairKey(pair.a, pair.b, pool.ids.length)]), queue: queue.slice(1), tags: [], note: '' });
      refill();
    },
    undo: async () => {
      const { undoStack, labels, pool } = get();
      const id = undoStack[undoStack.length - 1];
      const label = labels.find((l) => l.id === id);
      if (!id || !label || !pool) return;
      try {
        await deleteLabel(id);
      } catch (e) {
        fail(e, 'the undo');
        return;
      }
      const a = pool.ids.indexOf(label.a);
      const b = pool.ids.indexOf(label.b);
      set({ labels: labels.filter((l) => l.id !== id), undoStack: undoStack.slice(0, -1), queue: a >= 0 && b >= 0 ? [{ a, b }, ...get().queue] : get().queue, tags: label.reasonTags, note: label.note ?? '' });
    },
    toggleTag: (i) => {
      const tag = get().record?.reasonTags[i];
      if (!tag) return;
      const tags = get().tags;
      set({ tags: tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag] });
    },
    setNote: (note) => set({ note }),
    correct: async (id, changes) => {
      const cur = get().labels.find((l) => l.id === id);
      if (!cur) return;
      const next = { ...cur, ...changes };
      try {
        await putLabel(next);
      } catch (e) {
        fail(e, 'the corrected label');
        return;
      }
      set({ labels: get().labels.map((l) => (l.id === id ? next : l)) });
    },
    remove: async (id) => {
      try {
        await deleteLabel(id);
      } catch (e) {
        fail(e, 'the deletion');
        return;
      }
      set({ labels: get().labels.filter((l) => l.id !== id), undoStack: get().undoStack.filter((x) => x !== id) });
    },
    clearAll: async () => {
      const { poolId } = get();
      if (!poolId) return;
      try {
        await deletePoolLabels(poolId);
      } catch (e) {
        fail(e, 'the deletion');
        return;
      }
      set({ labels: [], undoStack: [], queue: [] });
      refill();
    },
    importJsonl: async (text, fileName) => {
      const { pool, poolId, labels } = get();
      if (!pool || !poolId) return;
      const parsed = parseLabelsJsonl(text);
      const r = labelsForPool(parsed.labels, poolId, new Set(pool.ids), labels);
      const records = r.labels.map((l) => ({ ...l, id: newId() }));
      try {
        await addLabels(records);
      } catch (e) {
        fail(e, `the labels from ${fileName}`);
        return;
      }
      set({ labels: [...labels, ...records].sort((x, y) => x.labeledAt - y.labeledAt), queue: [], importReport: { fileName, imported: records.length, errors: parsed.errors, unknownItems: r.unknownItems, duplicates: r.duplicates } });
      refill();
    },
    exportJsonl: () => {
      const { pool, record, labels, frame } = get();
      if (!pool || !record || !frame) return '';
      return labelsToJsonl(labels, poolItemLookup(pool, record.spec.itemType, record.spec.metricColumns));
    },
    setScores: (runId, ids, scores) => {
      const { pool } = get();
      if (!pool) return;
      set({ scores: { runId, values: mapScores(ids, scores, pool.ids) } });
    },
    dismiss: () => set({ importReport: null, error: null }),
  };
});
