import type { ColumnStats } from '../src/ml/data/column-stats';
import type { Frame } from '../src/ml/data/frame';

export type ParseRequest = { type: 'parse'; id: string; fileName: string; bytes: ArrayBuffer };

export type ParseEvent =
  | { status: 'init'; id: string; fileName: string; bytes: number }
  | { status: 'batch'; id: string; fraction: number; rows: number }
  | { status: 'done'; id: string; frame: Frame; stats: ColumnStats[] }
  | { status: 'error'; id: string; message: string; line?: number; column?: number };
