import type { ProxyExportBody } from '../ml/data/proxy-request';

/** Typed calls to the export proxy (the API is documented in proxy/README.md). */
export interface ProxyHealth {
  status: string;
  version: string;
  backend: 'postgres' | 'embedded';
}

export interface ProxyColumn {
  name: string;
  pgType: string;
  kind: string;
}

export interface ProxyTable {
  name: string;
  kind: 'table' | 'view' | 'saved_query';
  approxRows: number | null;
  description?: string;
  /** a saved query the proxy cannot run (its columns are empty): listed with why, refused on export */
  broken?: boolean;
  error?: string;
  columns: ProxyColumn[];
}

const trim = (url: string) => url.replace(/\/+$/, '');

async function failure(res: Response, what: string): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  return new Error(`${what}: ${body?.error ? `${body.error.message} (${body.error.code})` : `HTTP ${res.status}`}`);
}

async function call(url: string, init: RequestInit, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new Error(`${what}: cannot reach ${url}. Is the proxy running (npm run proxy) and does it allow this studio's origin (KILN_STUDIO_ORIGIN)?`);
  }
  if (!res.ok) throw await failure(res, what);
  return res;
}

export async function proxyHealth(url: string): Promise<ProxyHealth> {
  return (await call(`${trim(url)}/health`, {}, 'proxy health check')).json() as Promise<ProxyHealth>;
}

export async function fetchTables(url: string, token: string): Promise<{ tables: ProxyTable[]; maxRows: number }> {
  return (await call(`${trim(url)}/tables`, { headers: { Authorization: `Bearer ${token}` } }, 'listing tables')).json() as Promise<{ tables: ProxyTable[]; maxRows: number }>;
}

/** The first rows as JSON Lines: cheap to show, and the same request the import will send. */
export async function previewRows(url: string, token: string, body: ProxyExportBody, rows = 20): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const res = await call(
    `${trim(url)}/export`,
    { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...body, format: 'jsonl', limit: Math.min(rows, body.limit ?? rows) }) },
    `preview of ${body.table}`,
  );
  const lines = (await res.text()).split('\n').filter(Boolean);
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { columns: parsed[0] ? Object.keys(parsed[0]) : (body.columns ?? []), rows: parsed };
}
