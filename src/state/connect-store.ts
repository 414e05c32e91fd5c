import { create } from 'zustand';
import { fetchTables, previewRows, proxyHealth, type ProxyHealth, type ProxyTable } from '../app/proxy-api';
import { db } from '../db/db';
import type { ProxyExportBody } from '../ml/data/proxy-request';

/**
 * The connection to an export proxy. The URL is kept in IndexedDB settings (key `proxy`); the token
 * only when the person ticks "remember" (or opened the launcher's link, which carries it), stored
 * there in plain text: IndexedDB is readable by anyone using this browser profile, not encrypted.
 * A reload reconnects when both are known.
 */
interface ConnectState {
  url: string;
  token: string;
  rememberToken: boolean;
  status: 'idle' | 'connecting' | 'connected' | 'error';
  health: ProxyHealth | null;
  tables: ProxyTable[];
  maxRows: number | null;
  error: string | null;
  preview: { columns: string[]; rows: Record<string, unknown>[] } | null;
  previewing: boolean;
  load: () => Promise<void>;
  setCredentials: (url: string, token: string) => void;
  setRememberToken: (remember: boolean) => Promise<void>;
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

interface StoredProxy {
  url?: string;
  token?: string;
  rememberToken?: boolean;
}

const saveProxy = (s: Pick<ConnectState, 'url' | 'token' | 'rememberToken'>) => db.settings.put({ key: 'proxy', value: { url: s.url, rememberToken: s.rememberToken, ...(s.rememberToken ? { token: s.token } : {}) } satisfies StoredProxy });

export const useConnect = create<ConnectState>((set, get) => ({
  url: 'http://127.0.0.1:8787',
  token: '',
  rememberToken: false,
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
      // the launcher's link is this machine's own proxy with its token: remembered like the link itself
      set({ ...hash, rememberToken: true });
      await saveProxy(get());
      return;
    }
    const saved = (await db.settings.get('proxy'))?.value as StoredProxy | undefined;
    if (!saved?.url) return;
    // records from before the choice existed always held the token
    set({ url: saved.url, token: saved.token ?? '', rememberToken: saved.rememberToken ?? !!saved.token });
    // reconnect in the background: an unreachable proxy must not hold the studio's first paint
    if (get().token) void get().connect();
  },
  setCredentials: (url, token) => set({ url, token }),
  setRememberToken: async (rememberToken) => {
    set({ rememberToken });
    // unticking forgets a stored token at once
    await saveProxy(get());
  },
  connect: async () => {
    const { url, token } = get();
    set({ status: 'connecting', error: null, preview: null });
    try {
      const health = await proxyHealth(url);
      const { tables, maxRows } = await fetchTables(url, token);
      await saveProxy(get());
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
