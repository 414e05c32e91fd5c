import { create } from 'zustand';
import { parseInWorker } from '../app/parse-client';
import { storageErrorMessage } from '../db/db';
import { deleteDataset, listDatasets, loadFrame, saveDataset } from '../db/datasets-repo';
import type { DatasetRecord } from '../db/records';
import type { Frame } from '../ml/data/frame';

export interface ImportProgress {
  fileName: string;
  fraction: number;
  rows: number;
}

interface DatasetsState {
  datasets: DatasetRecord[];
  selectedId: string | null;
  frame: Frame | null;
  importing: ImportProgress | null;
  error: string | null;
  load: () => Promise<void>;
  importBytes: (fileName: string, bytes: ArrayBuffer, source: DatasetRecord['source']) => Promise<string | null>;
  importFile: (file: File) => Promise<string | null>;
  importSample: (name: string) => Promise<string | null>;
  select: (id: string | null) => Promise<void>;
  remove: (id: string) => Promise<void>;
  dismissError: () => void;
}

const MAX_BYTES = 512 * 1024 * 1024;

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export const useDatasets = create<DatasetsState>((set, get) => ({
  datasets: [],
  selectedId: null,
  frame: null,
  importing: null,
  error: null,
  load: async () => set({ datasets: await listDatasets() }),
  importBytes: async (fileName, bytes, source) => {
    set({ importing: { fileName, fraction: 0, rows: 0 }, error: null });
    const size = bytes.byteLength;
    try {
      const result = await parseInWorker(fileName, bytes, (fraction, rows) => set({ importing: { fileName, fraction, rows } }));
      const record: DatasetRecord = {
        id: newId('ds'),
        name: fileName.replace(/\.[^.]+$/, ''),
        fileName,
        source,
        rowCount: result.frame.rowCount,
        columnCount: result.frame.columns.length,
        bytes: size,
        stats: result.stats,
        createdAt: Date.now(),
      };
      try {
        await saveDataset(record, result.frame);
      } catch (e) {
        throw new Error(storageErrorMessage(e, `dataset ${fileName}`), { cause: e });
      }
      set({ datasets: [record, ...get().datasets], selectedId: record.id, frame: result.frame, importing: null });
      return record.id;
    } catch (e) {
      set({ importing: null, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  },
  importFile: async (file) => {
    if (file.size > MAX_BYTES) {
      set({ error: `${file.name}: ${(file.size / 1e6).toFixed(0)} MB is over the ${MAX_BYTES / 1024 / 1024} MB limit for in-browser import. Export a sample or a subset of columns.` });
      return null;
    }
    return get().importBytes(file.name, await file.arrayBuffer(), 'file');
  },
  importSample: async (name) => {
    const res = await fetch(`${import.meta.env.BASE_URL}samples/${name}`);
    if (!res.ok) {
      set({ error: `sample ${name} could not be loaded (HTTP ${res.status})` });
      return null;
    }
    return get().importBytes(name, await res.arrayBuffer(), 'sample');
  },
  select: async (id) => {
    if (id === null) return set({ selectedId: null, frame: null });
    set({ selectedId: id, frame: null });
    try {
      const frame = await loadFrame(id);
      if (get().selectedId === id) set({ frame });
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
  remove: async (id) => {
    await deleteDataset(id);
    const { selectedId } = get();
    set({ datasets: get().datasets.filter((d) => d.id !== id), ...(selectedId === id ? { selectedId: null, frame: null } : {}) });
  },
  dismissError: () => set({ error: null }),
}));
