import type { ColumnStats } from '../src/ml/data/column-stats';
import type { Frame } from '../src/ml/data/frame';
import type { ColumnSpec } from '../src/ml/data/infer-types';
import type { RawText } from '../src/ml/data/schema';
import type { ProxyExportBody } from '../src/ml/data/proxy-request';

export type { ProxyExportBody };

export type ParseRequest =
  | { type: 'parse'; id: string; fileName: string; bytes: ArrayBuffer }
  | { type: 'import-proxy'; id: string; name: string; url: string; token: string; body: ProxyExportBody }
  | { type: 'cancel'; id: string };

export type ParseEvent =
  | { status: 'init'; id: string; fileName: string; bytes: number }
  | { status: 'batch'; id: string; fraction: number; rows: number; bytes?: number }
  | { status: 'done'; id: string; frame: Frame; stats: ColumnStats[]; detected: Record<string, ColumnSpec>; rawText: RawText }
  | { status: 'error'; id: string; message: string; line?: number; column?: number; cancelled?: boolean };
