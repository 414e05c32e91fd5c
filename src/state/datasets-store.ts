import { create } from 'zustand';
import { importFromProxy, parseInWorker, type ParseJob, type ParseProgress } from '../app/parse-client';
import { storageErrorMessage } from '../db/db';
import { applyStored, deleteDataset, listDatasets, loadStored, saveDataset, saveSchema, type StoredDataset } from '../db/datasets-repo';
import { columnStats, type ColumnStats } from '../ml/data/column-stats';
import type { AppliedColumn, ColumnOverride } from '../ml/data/schema';
import type { DatasetOrigin, DatasetRecord } from '../db/records';
import type { Frame } from '../ml/data/frame';
import type { ProxyExportBody } from '../ml/data/proxy-request';

export interface ImportProgress extends ParseProgress {
  fileName: string;
}

interface DatasetsState {
  datasets: DatasetRecord[];
  selectedId: string | null;
  /** the frame models see: the selected dataset with its overrides applied, ignored columns left out */
  frame: Frame | null;
  /** the selected dataset as imported, which overrides are applied to (never changed by them) */
  stored: StoredDataset | null;
  /** per stored column: its type after overrides ('ignore' = not in `frame`) and values an override could not read */
  applied: AppliedColumn[];
  importing: ImportProgress | null;
  error: string | null;
  load: () => Promise<void>;
  importFile: (file: File) => Promise<string | null>;
  importSample: (name: string) => Promise<string | null>;
  importProxy: (args: { url: string; token: string; body: ProxyExportBody }) => Promise<string | null>;
  reimport: (id: string, token: string) => Promise<string | null>;
  cancelImport: () => void;
  select: (id: string | null) => Promise<void>;
  remove: (id: string) => Promise<void>;
  dismissError: () => void;
  /** sets (or with null, removes) one column's type override on the selected dataset, stored at once */
  setOverride: (column: string, override: ColumnOverride | null) => Promise<void>;
}

const MAX_BYTES = 512 * 1024 * 1024;
let currentJob: ParseJob | null = null;

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

type RetypeListener = (datasetId: string, stats: ColumnStats[]) => void;
const retypeListeners = new Set<RetypeListener>();

/**
 * A re-typed column changes which columns can be features: each model family rebuilds its train
 * form of that dataset from the new statistics (the families register here; see features/families).
 */
export function onColumnsRetyped(listener: RetypeListener): () => void {
  retypeListeners.add(listener);
  return () => retypeListeners.delete(listener);
}

export const useDatasets = create<DatasetsState>((set, get) => {
  /** Runs a parse job and stores its frame; a failure (or cancel) leaves every stored dataset as it was. */
  const runImport = async (fileName: string, origin: DatasetOrigin, bytes: number, start: (onProgress: (p: ParseProgress) => void) => ParseJob): Promise<string | null> => {
    if (currentJob) {
      set({ error: `an import is already running (${get().importing?.fileName}); wait for it or cancel it` });
      return null;
    }
    set({ importing: { fileName, fraction: 0, rows: 0 }, error: null });
    const job = start((p) => set({ importing: { fileName, ...p } }));
    currentJob = job;
    try {
      const result = await job.result;
      const record: DatasetRecord = {
        id: newId('ds'),
        name: fileName.replace(/\.[^.]+$/, ''),
        fileName,
        source: origin.kind,
        origin,
        rowCount: result.frame.rowCount,
        columnCount: result.frame.columns.length,
        bytes: bytes || (get().importing?.bytes ?? 0),
        stats: result.stats,
        createdAt: Date.now(),
        schema: { detected: result.detected, overrides: {} },
      };
      try {
        await saveDataset(record, result.frame, undefined, result.rawText);
      } catch (e) {
        throw new Error(storageErrorMessage(e, `dataset ${fileName}`), { cause: e });
      }
      const stored = { record, frame: result.frame, rawText: result.rawText };
      set({ datasets: [record, ...get().datasets], selectedId: record.id, frame: result.frame, stored, applied: applyStored(stored).columns, importing: null });
      return record.id;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      set({ importing: null, error: msg === 'import cancelled' ? null : msg });
      return null;
    } finally {
      currentJob = null;
    }
  };

  return {
    datasets: [],
    selectedId: null,
    frame: null,
    stored: null,
    applied: [],
    importing: null,
    error: null,
    load: async () => set({ datasets: await listDatasets() }),
    importFile: async (file) => {
      if (file.size > MAX_BYTES) {
        set({ error: `${file.name}: ${(file.size / 1e6).toFixed(0)} MB is over the ${MAX_BYTES / 1024 / 1024} MB limit for in-browser import. Export a sample or a subset of columns.` });
        return null;
      }
      const bytes = await file.arrayBuffer();
      return runImport(file.name, { kind: 'file', fileName: file.name }, bytes.byteLength, (p) => parseInWorker(file.name, bytes, p));
    },
    importSample: async (name) => {
      const res = await fetch(`${import.meta.env.BASE_URL}samples/${name}`);
      if (!res.ok) {
        set({ error: `sample ${name} could not be loaded (HTTP ${res.status})` });
        return null;
      }
      const bytes = await res.arrayBuffer();
      return runImport(name, { kind: 'sample', fileName: name }, bytes.byteLength, (p) => parseInWorker(name, bytes, p));
    },
    importProxy: async ({ url, token, body }) => {
      const name = `${body.table}${body.filters?.length ? ' (filtered)' : ''}`;
      return runImport(name, { kind: 'proxy', url, request: body, importedAt: Date.now() }, 0, (p) => importFromProxy({ name, url, token, body }, p));
    },
    reimport: async (id, token) => {
      const d = get().datasets.find((x) => x.id === id);
      if (d?.origin.kind !== 'proxy') return null;
      return get().importProxy({ url: d.origin.url, token, body: d.origin.request });
    },
    cancelImport: () => currentJob?.cancel(),
    select: async (id) => {
      if (id === null) return set({ selectedId: null, frame: null, stored: null, applied: [] });
      set({ selectedId: id, frame: null, stored: null, applied: [] });
      try {
        const stored = await loadStored(id);
        const { frame, columns } = applyStored(stored);
        if (get().selectedId === id) set({ frame, stored, applied: columns });
      } catch (e) {
        set({ error: e instanceof Error ? e.message : String(e) });
      }
    },
    remove: async (id) => {
      await deleteDataset(id);
      const { selectedId } = get();
      set({ datasets: get().datasets.filter((d) => d.id !== id), ...(selectedId === id ? { selectedId: null, frame: null, stored: null, applied: [] } : {}) });
    },
    dismissError: () => set({ error: null }),
    setOverride: async (column, override) => {
      const { stored, selectedId, datasets } = get();
      const record = datasets.find((d) => d.id === selectedId);
      if (!stored || !record || stored.record.id !== record.id) return;
      // a dataset from an archive made before schema v6 has none: its stored types are what was detected
      const current = record.schema ?? { detected: Object.fromEntries(stored.frame.columns.map((c) => [c.name, { dtype: c.dtype }])), overrides: {} };
      const overrides = { ...current.overrides };
      if (override) overrides[column] = override;
      else delete overrides[column];
      const schema = { ...current, overrides };
      const { frame, columns } = applyStored(stored, schema);
      // only the re-typed column needs new statistics; the others keep theirs
      const old = new Map(record.stats.map((s) => [s.name, s] as const));
      const stats = frame.columns.map((c) => (c.name !== column && old.get(c.name)?.dtype === c.dtype ? old.get(c.name)! : columnStats(c)));
      const next: DatasetRecord = { ...record, schema, stats, columnCount: frame.columns.length };
      try {
        await saveSchema(record.id, { schema, stats, columnCount: next.columnCount });
      } catch (e) {
        set({ error: storageErrorMessage(e, `the column types of ${record.fileName}`) });
        return;
      }
      if (get().selectedId !== record.id) return;
      set({ datasets: get().datasets.map((d) => (d.id === record.id ? next : d)), frame, applied: columns });
      for (const l of retypeListeners) l(record.id, stats);
    },
  };
});
