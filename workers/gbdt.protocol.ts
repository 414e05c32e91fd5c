import type { Frame } from '../src/ml/data/frame';
import type { GbdtCheckpoint } from '../src/ml/models/gbdt/checkpoint';
import type { GbdtRoundReport } from '../src/ml/models/gbdt/fit-gbdt';
import type { GbdtModel } from '../src/ml/models/gbdt/model';
import type { FoldResult, GbdtParityRows, GbdtRunResult, GbdtRunSpec } from '../src/ml/models/gbdt/train-gbdt';
import type { SplitSizes } from '../src/ml/task';
import type { HeldOutPredictions } from '../src/ml/evaluation/held-out-predictions';
import type { StageEvent } from './train.protocol';

/**
 * Messages to the GBDT worker (trees train in plain JavaScript: no TF.js, no GPU). `resume`
 * continues a holdout run from its checkpoint (a cross-validation run is refused).
 */
export type GbdtRequest = { type: 'train-gbdt'; id: string; frame: Frame; spec: GbdtRunSpec; resume?: GbdtCheckpoint } | { type: 'stop'; id: string };

/**
 * Events echo the request id. 'epoch' is one boosting round (of fold `fold` in cross-validation,
 * null for a holdout run); 'fold' reports a finished fold. 'checkpoint' (holdout only) comes at most
 * about once a second, and once more for the last whole round when a stop ends the run.
 */
export type GbdtEvent =
  | StageEvent
  | { status: 'init'; id: string; featureNames: string[]; sizes?: SplitSizes; folds: number; droppedRows: number; labels?: string[]; rounds: number }
  | ({ status: 'epoch'; id: string; fold: number | null } & GbdtRoundReport)
  | { status: 'fold'; id: string; result: FoldResult; index: number; total: number }
  | { status: 'checkpoint'; id: string; checkpoint: GbdtCheckpoint; bytes: number }
  | { status: 'done'; id: string; result: GbdtRunResult; model?: GbdtModel; parity?: GbdtParityRows; predictions?: HeldOutPredictions }
  | { status: 'error'; id: string; message: string };
