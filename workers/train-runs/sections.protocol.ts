import type { Frame } from '../../src/ml/data/frame';
import type { BatchReport } from '../../src/ml/models/loop-utils';
import type { SectionsConfig } from '../../src/ml/models/sections/config';
import type { SectionsModel } from '../../src/ml/models/sections/model';
import type { SectionsRunResult } from '../../src/ml/models/sections/run-result';
import type { StopReason } from '../../src/ml/models/loop-utils';
import type { NetCheckpoint } from '../../src/ml/models/checkpoint';
import type { CommonEvent, TrainStart } from '../train.protocol';

/** A section-classifier run on one table's text and label columns (or a table made from JSONL). */
export interface SectionsTrainRequest extends TrainStart {
  run: 'sections';
  table: { name: string; frame: Frame };
  config: SectionsConfig;
  /** continue a stopped run after this checkpoint's epoch (the same prepared data: split and TF-IDF are seeded) */
  resume?: NetCheckpoint;
}

export type SectionsEvent =
  | CommonEvent
  | { status: 'init'; id: string; sections: number; labels: string[]; skipped: number; vocabulary: number; sizes: { train: number; validation: number; test: number }; kernels: string; threads: number; why: string }
  | ({ status: 'batch'; id: string } & BatchReport)
  | { status: 'epoch'; id: string; epoch: number; trainLoss: number; valLoss: number; metrics: Record<string, number>; elapsedMs: number; samplesPerSec: number }
  | { status: 'checkpoint'; id: string; checkpoint: NetCheckpoint; bytes: number }
  | { status: 'done'; id: string; model: SectionsModel; result: SectionsRunResult; reason: StopReason; message?: string; epochsRun: number; bestEpoch: number; kernels: string; durationMs: number };
