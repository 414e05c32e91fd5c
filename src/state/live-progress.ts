import type { BackendName } from '../ml/backends/tf-backend';

/** Where a live run stands, for the progress bar; the same for every model family. */
export interface LiveProgress {
  epoch: number;
  totalEpochs: number;
  step: number;
  stepsPerEpoch: number;
  etaMs: number | null;
  samplesPerSec: number;
}

export interface BatchLike {
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  globalStep: number;
  samplesPerSec: number;
}

/** The progress after a batch report; the ETA extrapolates the time per step so far over the steps left. */
export function advanceProgress(p: LiveProgress | null, ev: BatchLike, startedAt: number, now = Date.now()): LiveProgress | null {
  if (!p) return null;
  const totalSteps = p.totalEpochs * ev.stepsPerEpoch;
  return { ...p, epoch: ev.epoch, step: ev.step, stepsPerEpoch: ev.stepsPerEpoch, samplesPerSec: ev.samplesPerSec, etaMs: ((now - startedAt) / ev.globalStep) * (totalSteps - ev.globalStep) };
}

/** "fell back from webgpu (no adapter), …", or null when the requested backend runs. */
export function fallbackNote(skipped: { backend: BackendName; reason: string }[]): string | null {
  return skipped.length ? `fell back from ${skipped.map((s) => `${s.backend} (${s.reason})`).join(', ')}` : null;
}
