import type { BackendName } from '../src/ml/backends/tf-backend';
import type { EngineReport } from '../src/ml/engine/engine-choice';
import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../src/ml/models/checkpoint';
import type { StageHook } from '../src/ml/models/loop-utils';
import type { PostEvent } from './train.protocol';
import { throttledCheckpoints } from './checkpoint-post';
import { tensorWatch } from './tensor-watch';

/**
 * The event shapes and hooks every run of the train worker that trains a network by epoch shares,
 * so a family's runner writes only what its run says beyond them.
 */

/** What an init event says of where the run trains. */
export interface TrainsOn {
  backend: BackendName;
  skipped: { backend: BackendName; reason: string }[];
  adapter?: string;
  /** what trains the run: Kiln's engine on its kernels, or TF.js on `backend` */
  engine: EngineReport;
  /** set on a resumed run: the checkpoint's epoch, the last one it does not train again */
  resumedFrom?: number;
}

/** The live events of a run that trains by epoch: a step's figures, an epoch's, a resumable state. */
export type NetRunEvent<Batch, Epoch> =
  | ({ status: 'batch'; id: string } & Batch)
  | ({
      status: 'epoch';
      id: string;
      /** set when the tensor count grew since epoch 1: a leak that would end a long session */
      memoryWarning?: string;
    } & Epoch)
  /** a resumable state after `checkpoint.epoch`, posted with its buffers transferred; the page stores it */
  | { status: 'checkpoint'; id: string; checkpoint: NetCheckpoint; bytes: number };

/** How a fit ended, as every done event says it. */
export interface FitEnd<Reason extends string = string> {
  reason: Reason;
  message?: string;
  epochsRun: number;
  bestEpoch: number;
  tensorCounts: number[];
  durationMs: number;
}

export function fitEnd<R extends string>(fit: Omit<FitEnd<R>, 'durationMs'>, startedAt: number): FitEnd<R> {
  return { reason: fit.reason, message: fit.message, epochsRun: fit.epochsRun, bestEpoch: fit.bestEpoch, tensorCounts: fit.tensorCounts, durationMs: performance.now() - startedAt };
}

/**
 * A fit's hooks posting the run's live events. Checkpoints are throttled (at most one a second,
 * and the one a stop lands on) unless `everyCheckpoint`: a family whose e2e and resume read each
 * epoch's checkpoint keeps them all.
 */
export function netRunHooks<Batch, Epoch extends { numTensors: number }>(
  id: string,
  post: PostEvent<NetRunEvent<Batch, Epoch>>,
  stopped: () => boolean,
  stage: StageHook,
  opts: { everyCheckpoint?: boolean; beforeBatch?: (b: Batch) => void } = {},
) {
  const leak = tensorWatch();
  const postCheckpoint = (checkpoint: NetCheckpoint, bytes: number, transfer: Transferable[]) => post({ status: 'checkpoint', id, checkpoint, bytes }, transfer);
  return {
    shouldStop: stopped,
    onStage: stage,
    onBatch: (b: Batch) => {
      opts.beforeBatch?.(b);
      post({ status: 'batch', id, ...b });
    },
    onEpoch: (e: Epoch) => {
      post({ status: 'epoch', id, ...e, memoryWarning: leak(e.numTensors) });
    },
    onCheckpoint: opts.everyCheckpoint
      ? (cp: NetCheckpoint) => postCheckpoint(cp, checkpointBytes(cp), checkpointTransferables(cp))
      : throttledCheckpoints(postCheckpoint, stopped),
  };
}

/**
 * Ends a network run: the model saved in its transferable form and freed, then 'done' with how the
 * fit ended and what the family adds (`fields`), the saved buffers (and `extra`) moved, not copied.
 */
export async function postTrained<M extends { dispose(): void }, S, R extends string, X extends object>(
  post: (ev: { status: 'done'; id: string; model: S } & FitEnd<R> & X, transfer?: Transferable[]) => void,
  id: string,
  startedAt: number,
  trained: { model: M; fit: Omit<FitEnd<R>, 'durationMs'> },
  save: (model: M) => Promise<S>,
  transferables: (saved: S) => Transferable[],
  fields: X,
  extra: Transferable[] = [],
): Promise<void> {
  const saved = await save(trained.model);
  trained.model.dispose();
  post({ status: 'done', id, ...fitEnd(trained.fit, startedAt), model: saved, ...fields }, [...transferables(saved), ...extra]);
}
