import type { BackendName } from '../ml/backends/tf-backend';
import type { RunStage, StopReason } from '../ml/models/loop-utils';

/** How a run ended. */
export type EndReason = StopReason | 'failed' | 'interrupted';

/** Where a live run stands, for the progress bar; the same for every model family. */
export interface LiveProgress {
  epoch: number;
  totalEpochs: number;
  step: number;
  stepsPerEpoch: number;
  etaMs: number | null;
  /** wall-clock throughput since the fit began, as the worker measured it when a read resolved */
  samplesPerSec: number;
  /** set once the run is over: how it ended and after how many epochs (the bar and text then say so) */
  done?: { reason: EndReason; epochsRun: number };
}

/** What the run is doing before its first step (or after its last); 'worker' is the page starting the worker. */
export interface LiveStage {
  name: RunStage | 'worker';
  detail?: string;
  /** Date.now() when the stage began */
  at: number;
}

export interface BatchLike {
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  globalStep: number;
  samplesPerSec: number;
  etaMs?: number | null;
}

/** The progress after a batch report. Rate and ETA are the worker's wall-clock figures; a report without an ETA keeps the last one. */
export function advanceProgress(p: LiveProgress | null, ev: BatchLike): LiveProgress | null {
  if (!p) return null;
  return { ...p, epoch: ev.epoch, step: ev.step, stepsPerEpoch: ev.stepsPerEpoch, samplesPerSec: ev.samplesPerSec, etaMs: ev.etaMs ?? p.etaMs };
}

/** The progress of a run that has ended: the bar full unless it was cut short (then it stays where the run stopped). */
export function finishedProgress(p: LiveProgress | null, reason: EndReason, epochsRun: number | undefined): LiveProgress | null {
  if (!p) return null;
  const n = epochsRun ?? p.epoch;
  return { ...p, epoch: n, etaMs: 0, done: { reason, epochsRun: n } };
}

/** The bar's fill, in epochs (of `totalEpochs`): full once a run completed or stopped early. */
export function progressValue(p: LiveProgress): number {
  if (p.done && (p.done.reason === 'completed' || p.done.reason === 'early-stopped')) return p.totalEpochs;
  if (p.done) return Math.min(p.totalEpochs, p.done.epochsRun);
  return Math.max(0, p.epoch - 1) + p.step / Math.max(1, p.stepsPerEpoch);
}

/** "Stopped early at epoch 4 of 20", "Finished 20 of 20 epochs", …: what the bar says once the run is over. */
export function doneText(p: LiveProgress): string {
  const d = p.done;
  if (!d) return '';
  const of = `${d.epochsRun} of ${p.totalEpochs}`;
  switch (d.reason) {
    case 'completed':
      return `Finished ${of} epochs`;
    case 'early-stopped':
      return `Stopped early at epoch ${of} (no improvement in validation loss)`;
    case 'user-stopped':
      return `Stopped by you after epoch ${of}`;
    case 'non-finite-loss':
      return `Stopped at epoch ${of}: the loss was not finite`;
    case 'failed':
      return `Failed after epoch ${of}`;
    case 'interrupted':
      return `Interrupted after epoch ${of}`;
  }
}

/** The line the progress row shows while a stage runs. */
export function stageText(s: LiveStage, backend: BackendName | null): string {
  const detail = s.detail ? ` ${s.detail}` : '';
  switch (s.name) {
    case 'worker':
      return 'Starting the training worker and sending it the data…';
    case 'load':
      return 'Loading the training engine (TF.js and its backends)…';
    case 'backend':
      return `Starting the ${s.detail ?? ''} backend…`.replace('  ', ' ');
    case 'preprocess':
      return `Splitting and preprocessing${detail}…`;
    case 'upload':
      return `Uploading${detail} to ${backend ?? 'the device'}…`;
    case 'first-step':
      return `Running the first step${backend === 'webgpu' || backend === 'webgl' ? ' (compiling GPU kernels)' : ''}…`;
    case 'evaluate':
      return `Evaluating the kept weights${detail}…`;
  }
}

/** "fell back from webgpu (no adapter), …", or null when the requested backend runs. */
export function fallbackNote(skipped: { backend: BackendName; reason: string }[]): string | null {
  return skipped.length ? `fell back from ${skipped.map((s) => `${s.backend} (${s.reason})`).join(', ')}` : null;
}
