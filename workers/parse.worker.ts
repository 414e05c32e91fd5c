/// <reference lib="webworker" />
import { columnStats } from '../src/ml/data/column-stats';
import { DataError } from '../src/ml/data/data-error';
import { frameTransferables } from '../src/ml/data/frame';
import { parseFile } from '../src/ml/data/parse-file';
import type { ParseEvent, ParseRequest } from './parse.protocol';

declare const self: DedicatedWorkerGlobalScope;

function post(ev: ParseEvent, transfer: Transferable[] = []): void {
  self.postMessage(ev, transfer);
}

self.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const { id, fileName, bytes } = e.data;
  post({ status: 'init', id, fileName, bytes: bytes.byteLength });
  try {
    const frame = await parseFile(fileName, bytes, (p) => post({ status: 'batch', id, ...p }));
    const stats = frame.columns.map(columnStats);
    post({ status: 'done', id, frame, stats }, frameTransferables(frame));
  } catch (err) {
    if (err instanceof DataError) post({ status: 'error', id, message: err.message, line: err.line, column: err.column });
    else post({ status: 'error', id, message: `${fileName}: ${err instanceof Error ? err.message : String(err)}` });
  }
};
