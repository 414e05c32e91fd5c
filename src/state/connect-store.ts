import { create } from 'zustand';
import { fetchTables, previewRows, proxyHealth, type ProxyHealth, type ProxyTable } from '../app/proxy-api';
import { db } from '../db/db';
import type { ProxyExportBody } from '../ml/data/proxy-request';

/** The connection to an export proxy. URL and token are kept in IndexedDB so a reload stays connected. */
interface ConnectState {
  url: string;
  token: string;
  status: 'idle' | 'connecting' | 'connected' | 'error';
  health: ProxyHealth | null;
  tables: ProxyTable[];
  maxRows: number | null;
  error: string | null;
  preview: { columns: string[]; rows: Record<string, unknown>[] } | null;
  previewing: boolean;
  load: () => Promise<void>;
  setCredentials: (url: string, token: string) => void;
  connect: () => Promise<void>;
  runPreview: (body: ProxyExportBody) => Promise<void>;
}

/** `#proxy=…&token=…`, as the launcher prints it: read once, saved, then removed from the address bar. */
function fromHash(): { url: string; token: string } | null {
  const h = new URLSearchParams(globalThis.location?.hash.replace(/^#/, '') ?? '');
  const url = h.get('proxy');
  const token = h.get('token');
  if (!url || !token) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return { url, token };
}

export const useConnect = create<ConnectState>((set, get) => ({
  url: 'http://127.0.0.1:8787',
  token: '',
  status: 'idle',
  health: null,
  tables: [],
  maxRows: null,
  error: null,
  preview: null,
  previewing: false,
  load: async () => {
    const hash = fromHash();
    if (hash) {
      set(hash);
      await db.settings.put({ key: 'proxy', value: hash });
      return;
    }
    const saved = (await db.settings.get('proxy'))?.value as { url?: string; token?: string } | undefined;
    if (saved?.url) set({ url: saved.url, token: saved.token ?? '' });
  },
  setCredentials: (url, token) => set({ url, token }),
  connect: async () => {
    const { url, token } = get();
    set({ status: 'connecting', error: null, preview: null });
    try {
      const health = await proxyHealth(url);
      const { tables, maxRows } = await fetchTables(url, token);
      await db.settings.put({ key: 'proxy', value: { url, token } });
      set({ status: 'connected', health, tables, maxRows });
    } catch (e) {
      set({ status: 'error', error: e instanceof Error ? e.message : String(e), tables: [] });
    }
  },
  runPreview: async (body) => {
    set({ previewing: true, error: null });
    try {
      set({ preview: await previewRows(get().url, get().token, body), previewing: false });
    } catch (e) {
      set({ previewing: false, preview: null, error: e instanceof Error ? e.message : String(e) });
    }
  },
}));
