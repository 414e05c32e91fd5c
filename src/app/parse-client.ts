import type { ParseEvent, ParseRequest } from '../../workers/parse.protocol';

export type ParseResult = Extract<ParseEvent, { status: 'done' }>;

let seq = 0;

/** Parses a file in a fresh worker (terminated after), reporting progress; rejects with the worker's message. */
export function parseInWorker(fileName: string, bytes: ArrayBuffer, onProgress: (fraction: number, rows: number) => void): Promise<ParseResult> {
  const worker = new Worker(new URL('../../workers/parse.worker.ts', import.meta.url), { type: 'module' });
  const id = `parse-${++seq}`;
  return new Promise<ParseResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ParseEvent>) => {
      const ev = e.data;
      if (ev.id !== id) return;
      if (ev.status === 'batch') onProgress(ev.fraction, ev.rows);
      else if (ev.status === 'done') resolve(ev);
      else if (ev.status === 'error') reject(new Error(ev.message));
    };
    worker.onerror = (e) => reject(new Error(`${fileName}: the parser crashed (${e.message || 'worker error'})`));
    const req: ParseRequest = { type: 'parse', id, fileName, bytes };
    worker.postMessage(req, [bytes]);
  }).finally(() => worker.terminate());
}
