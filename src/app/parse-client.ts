import type { ParseEvent, ParseRequest, ProxyExportBody } from '../../workers/parse.protocol';

export type ParseResult = Extract<ParseEvent, { status: 'done' }>;
export interface ParseProgress {
  fraction: number;
  rows: number;
  bytes?: number;
}

let seq = 0;

/** A parse job in its own worker (terminated after); cancel() aborts a proxy download. */
export interface ParseJob {
  result: Promise<ParseResult>;
  cancel: () => void;
}

function run(req: ParseRequest, transfer: Transferable[], label: string, onProgress: (p: ParseProgress) => void): ParseJob {
  const worker = new Worker(new URL('../../workers/parse.worker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<ParseResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ParseEvent>) => {
      const ev = e.data;
      if (ev.id !== req.id) return;
      if (ev.status === 'batch') onProgress(ev);
      else if (ev.status === 'done') resolve(ev);
      else if (ev.status === 'error') reject(new Error(ev.message));
    };
    worker.onerror = (e) => reject(new Error(`${label}: the parser crashed (${e.message || 'worker error'})`));
    worker.postMessage(req, transfer);
  }).finally(() => worker.terminate());
  return { result, cancel: () => worker.postMessage({ type: 'cancel', id: req.id } satisfies ParseRequest) };
}

export function parseInWorker(fileName: string, bytes: ArrayBuffer, onProgress: (p: ParseProgress) => void): ParseJob {
  return run({ type: 'parse', id: `parse-${++seq}`, fileName, bytes }, [bytes], fileName, onProgress);
}

export function importFromProxy(args: { name: string; url: string; token: string; body: ProxyExportBody }, onProgress: (p: ParseProgress) => void): ParseJob {
  return run({ type: 'import-proxy', id: `import-${++seq}`, ...args }, [], args.name, onProgress);
}
