import { describe, expect, it } from 'vitest';
import { advanceProgress, doneText, finishedProgress, progressValue, stageText, type LiveProgress } from './live-progress';

const start: LiveProgress = { epoch: 0, totalEpochs: 20, step: 0, stepsPerEpoch: 50, etaMs: null, samplesPerSec: 0 };

describe('live progress', () => {
  it('takes rate and ETA from the batch report (wall clock, measured in the worker)', () => {
    const p = advanceProgress(start, { epoch: 1, step: 10, stepsPerEpoch: 50, globalStep: 10, samplesPerSec: 260, etaMs: 90_000 })!;
    expect(p).toMatchObject({ epoch: 1, step: 10, samplesPerSec: 260, etaMs: 90_000 });
    expect(progressValue(p)).toBeCloseTo(0.2, 9);
  });

  it('an early stop fills the bar and says where it stopped', () => {
    const mid = advanceProgress(start, { epoch: 4, step: 50, stepsPerEpoch: 50, globalStep: 200, samplesPerSec: 260, etaMs: 1000 })!;
    const done = finishedProgress(mid, 'early-stopped', 4)!;
    expect(progressValue(done)).toBe(20);
    expect(doneText(done)).toBe('Stopped early at epoch 4 of 20 (no improvement in validation loss)');
    expect(doneText(finishedProgress(mid, 'completed', 20)!)).toBe('Finished 20 of 20 epochs');
    // a stop by the user leaves the bar where the run stopped
    const stopped = finishedProgress(mid, 'user-stopped', 3)!;
    expect(progressValue(stopped)).toBe(3);
    expect(doneText(stopped)).toBe('Stopped by you after epoch 3 of 20');
  });

  it('names each stage with what it works on', () => {
    expect(stageText({ name: 'preprocess', detail: '400,000 rows (stratified split)', at: 0 }, null)).toBe('Splitting and preprocessing 400,000 rows (stratified split)…');
    expect(stageText({ name: 'upload', detail: '360,000 rows × 24 features', at: 0 }, 'wasm')).toBe('Uploading 360,000 rows × 24 features to wasm…');
    expect(stageText({ name: 'first-step', at: 0 }, 'webgpu')).toMatch(/compiling GPU kernels/);
    expect(stageText({ name: 'backend', detail: 'auto', at: 0 }, null)).toBe('Starting the auto backend…');
  });
});
