/// <reference lib="webworker" />
import { columnStats } from '../src/ml/data/column-stats';
import { DataError } from '../src/ml/data/data-error';
import { frameTransferables } from '../src/ml/data/frame';
import { parseArrow } from '../src/ml/data/parse-arrow';
import { parseFileTyped, rawToImport, type TypedImport } from '../src/ml/data/parse-file';
import { checkedArrowBody } from '../src/ml/data/proxy-download';
import type { ParseEvent, ParseRequest } from './parse.protocol';

declare const self: DedicatedWorkerGlobalScope;

const inFlight = new Map<string, AbortController>();

function post(ev: ParseEvent, transfer: Transferable[] = []): void {
  self.postMessage(ev, transfer);
}

function finish(id: string, { frame, detected, rawText }: TypedImport): void {
  const stats = frame.columns.map(columnStats);
  post({ status: 'done', id, frame, stats, detected, rawText }, frameTransferables(frame));
}

/** Streams an Arrow export from the proxy and decodes it while it downloads. */
async function importFromProxy(req: Extract<ParseRequest, { type: 'import-proxy' }>): Promise<void> {
  const ctrl = new AbortController();
  inFlight.set(req.id, ctrl);
  const where = `${req.url} table "${req.body.table}"`;
  let res: Response;
  try {
    res = await fetch(`${req.url.replace(/\/$/, '')}/export`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${req.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(req.body),
      signal: ctrl.signal,
    });
  } catch (e) {
    throw new Error(ctrl.signal.aborted ? 'cancelled' : `cannot reach the proxy at ${req.url} (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  if (!res.ok || !res.body) {
    const err = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new Error(`${where}: ${err?.error ? `${err.error.message} (${err.error.code})` : `HTTP ${res.status}`}`);
  }
  let bytes = 0;
  const limit = Number(res.headers.get('X-Kiln-Row-Limit')) || 0;
  const body = checkedArrowBody(req.body.table, res.body, (n) => (bytes = n));
  let raw: Awaited<ReturnType<typeof parseArrow>>;
  try {
    raw = await parseArrow(req.name, body.chunks, (rows) => post({ status: 'batch', id: req.id, rows, bytes, fraction: limit ? Math.min(1, rows / limit) : 0 }));
  } catch (e) {
    // a cut-off download says so, rather than "not a readable Arrow stream"
    await body.verify();
    throw e;
  }
  // a stream cut between two batches decodes fine: only the end marker tells it is whole
  await body.verify();
  finish(req.id, rawToImport(raw));
}

self.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const req = e.data;
  if (req.type === 'cancel') {
    inFlight.get(req.id)?.abort();
    return;
  }
  const id = req.id;
  try {
    if (req.type === 'parse') {
      post({ status: 'init', id, fileName: req.fileName, bytes: req.bytes.byteLength });
      finish(id, await parseFileTyped(req.fileName, req.bytes, (p) => post({ status: 'batch', id, ...p })));
    } else {
      post({ status: 'init', id, fileName: req.name, bytes: 0 });
      await importFromProxy(req);
    }
  } catch (err) {
    const cancelled = inFlight.get(id)?.signal.aborted ?? false;
    if (cancelled) post({ status: 'error', id, message: 'import cancelled', cancelled: true });
    else if (err instanceof DataError) post({ status: 'error', id, message: err.message, line: err.line, column: err.column });
    else post({ status: 'error', id, message: err instanceof Error ? err.message : String(err) });
  } finally {
    inFlight.delete(id);
  }
};
