import type { ArtifactRecord, EpochMetricRecord, RunRecord } from '../db/records';
import type { RunStage, StopReason } from '../ml/models/loop-utils';
import type { BatchLike } from './live-progress';
import type { LiveRun } from './live-run';
import type { RunWriter } from './run-writer';
import { reopenWhenWritten, type liveCheckpoints } from './run-resume';

/** The events of a run that trains a network by epoch, as the page's stores read them (workers/run-events.ts posts them). */
type NetRunStoreEvent =
  | { status: 'init' }
  | { status: 'stage'; stage: RunStage; detail?: string }
  | ({ status: 'batch'; loss: number } & BatchLike)
  | { status: 'epoch'; memoryWarning?: string }
  | { status: 'checkpoint'; checkpoint: { epoch: number }; bytes: number }
  | { status: 'done'; reason: StopReason; message?: string; durationMs: number; epochsRun: number; bestEpoch: number }
  | { status: 'error'; message: string };

/** What one network family's store adds to the shared handling of its run's events. */
export interface NetRunFamily<R extends RunRecord, E extends NetRunStoreEvent> {
  /** the run started training: `live.init` with what the family's init says of its data */
  init(ev: Extract<E, { status: 'init' }>): void;
  epochRecord(ev: Extract<E, { status: 'epoch' }>): EpochMetricRecord;
  /** what a finished run stores: its artifacts and its figures beyond how the fit ended */
  finished(ev: Extract<E, { status: 'done' }>): { artifacts: ArtifactRecord[]; changes: Partial<R> };
  /** the run's worker is done (finished or failed): the store lets go of its session */
  ended(): void;
}

/**
 * One network run's event handler: progress, curves and checkpoints into the live run; a finished
 * run stored with its artifacts (its checkpoint kept only after a stop); a failure recorded; either
 * end reopening the run's view once written.
 */
export function netRunEvents<R extends RunRecord, E extends NetRunStoreEvent>(run: R, live: LiveRun<R>, checkpoints: ReturnType<typeof liveCheckpoints>, writer: RunWriter, family: NetRunFamily<R, E>) {
  return (ev: E): void => {
    const e: NetRunStoreEvent = ev;
    switch (e.status) {
      case 'init':
        return family.init(ev as Extract<E, { status: 'init' }>);
      case 'stage':
        return live.stage(e);
      case 'batch':
        return live.batch(e);
      case 'epoch':
        return live.epoch(family.epochRecord(ev as Extract<E, { status: 'epoch' }>), e.memoryWarning);
      case 'checkpoint':
        return checkpoints.saved(e.checkpoint, e.bytes);
      case 'done': {
        family.ended();
        const { artifacts, changes } = family.finished(ev as Extract<E, { status: 'done' }>);
        const ended = { status: e.reason, message: e.message, finishedAt: Date.now(), durationMs: e.durationMs, epochsRun: e.epochsRun, bestEpoch: e.bestEpoch } as Partial<R>;
        live.finish(artifacts, { ...ended, ...changes }, e.reason === 'non-finite-loss' ? (e.message ?? 'the loss became NaN') : null);
        checkpoints.finished(e.reason);
        return reopenWhenWritten(writer, run.id);
      }
      case 'error':
        family.ended();
        live.error(e.message);
        return reopenWhenWritten(writer, run.id);
    }
  };
}
