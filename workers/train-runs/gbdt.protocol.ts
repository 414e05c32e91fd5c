import type { Frame } from '../../src/ml/data/frame';
import type { GbdtCheckpoint } from '../../src/ml/models/gbdt/checkpoint';
import type { GbdtRoundReport } from '../../src/ml/models/gbdt/fit-gbdt';
import type { GbdtModel } from '../../src/ml/models/gbdt/model';
import type { FoldResult, GbdtParityRows, GbdtRunResult, GbdtRunSpec } from '../../src/ml/models/gbdt/train-gbdt';
import type { SplitSizes } from '../../src/ml/task';
import type { HeldOutPredictions } from '../../src/ml/evaluation/held-out-predictions';
import type { CommonEvent, TrainStart } from '../train.protocol';

/** A GBDT run (holdout or cross-validation) on a frame; `resume` continues a holdout run after its checkpoint round. */
export interface GbdtTrainRequest extends TrainStart {
  run: 'gbdt';
  frame: Frame;
  spec: GbdtRunSpec;
  resume?: GbdtCheckpoint;
}

/** Rounds are reported as 'epoch' events (the curve's unit); 'fold' reports a finished cross-validation fold. */
export type GbdtEvent =
  | CommonEvent
  | { status: 'init'; id: string; featureNames: string[]; sizes?: SplitSizes; folds: number; droppedRows: number; labels?: string[]; rounds: number }
  | ({ status: 'epoch'; id: string; fold: number | null } & GbdtRoundReport)
  | { status: 'fold'; id: string; result: FoldResult; index: number; total: number }
  | { status: 'checkpoint'; id: string; checkpoint: GbdtCheckpoint; bytes: number }
  | { status: 'done'; id: string; result: GbdtRunResult; model?: GbdtModel; parity?: GbdtParityRows; predictions?: HeldOutPredictions };
