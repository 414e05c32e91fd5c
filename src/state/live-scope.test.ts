import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../db/records';
import { IDLE_RUN, type LiveRunState } from './live-run';
import { liveScope, scopedLive } from './live-scope';

const run = { id: 'r1', datasetId: 'wine', name: 'wine run', datasetName: 'wine.csv' } as RunRecord;
const live: LiveRunState = { ...IDLE_RUN, runId: 'r1', phase: 'finished', backend: 'wasm', epochs: [{ runId: 'r1', kind: 'epoch', seq: 1, trainLoss: 1, valLoss: 1, valMetrics: {}, numTensors: 1, elapsedMs: 1, samplesPerSec: 1 }], error: 'old error', artifactsSaved: 2 };

describe('a family store seen from one dataset', () => {
  it('shows its run on the dataset it trained on, and while it is too new to be listed', () => {
    expect(liveScope('r1', 'finished', 'wine', [run])).toEqual({ runId: 'r1', phase: 'finished', elsewhere: null });
    expect(liveScope('r1', 'starting', 'wine', [])).toEqual({ runId: 'r1', phase: 'starting', elsewhere: null });
    expect(scopedLive(live, liveScope('r1', 'finished', 'wine', [run]))).toBe(live);
  });

  it('on another dataset: none of its figures; idle once it ended, still busy (with Stop) while it trains', () => {
    const ended = liveScope('r1', 'finished', 'diabetes', [run]);
    expect(ended).toEqual({ runId: null, phase: 'idle', elsewhere: run });
    const shown = scopedLive({ ...live, extra: 'x' as string | null }, ended, { extra: null });
    expect(shown).toMatchObject({ runId: null, phase: 'idle', backend: null, epochs: [], error: null, extra: null, artifactsSaved: 2 });
    expect(liveScope('r1', 'training', 'diabetes', [run]).phase).toBe('training');
  });
});
