import { describe, expect, it } from 'vitest';
import type { EpochMetricRecord, StepMetricRecord } from '../db/records';
import { IDLE_RUN, type LiveRunState } from './live-run';
import { coalesced, liveUpdates } from './live-updates';

/** A page clock and timer queue the test drives: `advance(ms)` runs the timers that fall due, in order. */
function fakeClock() {
  let t = 0;
  const timers: { at: number; f: () => void }[] = [];
  return {
    now: () => t,
    /** time passing inside a task (a render) */
    spend: (ms: number) => void (t += ms),
    schedule: (f: () => void, ms: number) => void timers.push({ at: t + ms, f }),
    advance(ms: number) {
      const end = t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = Math.max(t, next.at);
        next.f();
      }
      t = Math.max(t, end);
    },
    pending: () => timers.length,
  };
}

function store(initial: Partial<LiveRunState> = {}) {
  let state: LiveRunState = { ...IDLE_RUN, runId: 'r', phase: 'training', progress: { epoch: 0, totalEpochs: 5, step: 0, stepsPerEpoch: 100, etaMs: null, samplesPerSec: 0 }, ...initial };
  const sets: Partial<LiveRunState>[] = [];
  return {
    get: () => state,
    set: (p: Partial<LiveRunState>) => {
      sets.push(p);
      state = { ...state, ...p };
    },
    sets,
  };
}

const step = (seq: number): StepMetricRecord => ({ runId: 'r', kind: 'step', seq, epoch: 1, loss: 1 / seq });
const batch = (seq: number) => ({ epoch: 1, step: seq, stepsPerEpoch: 100, globalStep: seq, samplesPerSec: 10 * seq });
const epoch = (seq: number): EpochMetricRecord => ({ runId: 'r', kind: 'epoch', seq, trainLoss: 1, valLoss: 1, valMetrics: {}, numTensors: 3, elapsedMs: 1, samplesPerSec: 1 });

describe('live updates', () => {
  it('turns a burst of batch reports into two store updates, with every step, in order', () => {
    const clock = fakeClock();
    const s = store();
    const u = liveUpdates(s.set, s.get, clock);
    for (let i = 1; i <= 100; i++) {
      u.batch(step(i), batch(i));
      clock.spend(1);
    }
    // the first report shows at once; the rest wait for the interval
    expect(s.sets.length).toBe(1);
    clock.advance(1000);
    expect(s.sets.length).toBe(2);
    expect(s.get().steps.map((x) => x.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s.get().progress).toMatchObject({ step: 100, samplesPerSec: 1000 });
  });

  it('waits after an update at least as long as that update took to render', () => {
    const clock = fakeClock();
    const s = store();
    // each store update costs 600 ms of the main thread (a slow development render)
    const u = liveUpdates((p) => (s.set(p), clock.spend(600)), s.get, { ...clock, minIntervalMs: 200 });
    const flushTimes: number[] = [];
    const sets0 = () => s.sets.length;
    let seen = 0;
    for (let i = 1; i <= 60; i++) {
      u.batch(step(i), batch(i));
      if (sets0() > seen) {
        seen = sets0();
        flushTimes.push(clock.now() - 600);
      }
      clock.advance(100);
    }
    const gaps = flushTimes.slice(1).map((t, i) => t - flushTimes[i]);
    expect(gaps.length).toBeGreaterThan(2);
    // never closer than twice the cost: rendering keeps at most half of the thread
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1200);
  });

  it('applies what is buffered before an update that must come after it, and nothing after close', () => {
    const clock = fakeClock();
    const s = store({ runStage: { name: 'evaluate', at: 0 } });
    const u = liveUpdates(s.set, s.get, clock);
    u.epoch(epoch(1));
    u.epoch(epoch(2), 'tensors grow by 4 per epoch');
    u.flush();
    expect(s.get().epochs.map((e) => e.seq)).toEqual([1, 2]);
    expect(s.get().memoryWarning).toBe('tensors grow by 4 per epoch');
    // an epoch report keeps the final evaluation's stage (trees and folds report it before their last epoch)
    expect(s.get().runStage?.name).toBe('evaluate');
    u.batch(step(3), batch(3));
    u.close();
    expect(s.get().steps.map((x) => x.seq)).toEqual([3]);
    expect(s.get().runStage).toBeNull();
    const n = s.sets.length;
    u.batch(step(4), batch(4));
    clock.advance(5000);
    expect(s.sets.length).toBe(n);
  });

  it('drops what it buffered once the store shows another run', () => {
    const clock = fakeClock();
    const s = store();
    let current = true;
    const u = liveUpdates(s.set, s.get, { ...clock, current: () => current });
    u.batch(step(1), batch(1));
    u.batch(step(2), batch(2));
    current = false;
    s.set({ runId: 'other', steps: [] });
    clock.advance(1000);
    expect(s.get().steps).toEqual([]);
  });

  it('coalesced: a run that changed nothing does not delay the next one', () => {
    const clock = fakeClock();
    let applied = 0;
    let dirty = false;
    const c = coalesced(() => {
      if (!dirty) return false;
      dirty = false;
      applied++;
      return true;
    }, clock);
    c.flush();
    dirty = true;
    c.request();
    expect(applied).toBe(1);
  });

  it('coalesced: an urgent request skips the interval but waits out the last render, measured first', () => {
    const clock = fakeClock();
    const applied: number[] = [];
    let dirty = false;
    const c = coalesced(
      () => {
        if (!dirty) return false;
        dirty = false;
        applied.push(clock.now());
        clock.spend(30); // the render
        return true;
      },
      { ...clock, minIntervalMs: 200 },
    );
    dirty = true;
    c.request(true);
    expect(applied).toEqual([0]);
    // asked before the render's cost (30 ms) is measured: runs once it is, 30 ms after the render
    dirty = true;
    c.request(true);
    clock.advance(0);
    clock.advance(29);
    expect(applied).toEqual([0]);
    clock.advance(1);
    expect(applied).toEqual([0, 60]);
    // a plain request still waits for the interval
    clock.advance(100);
    dirty = true;
    c.request();
    clock.advance(69);
    expect(applied).toEqual([0, 60]);
    clock.advance(1);
    expect(applied).toEqual([0, 60, 260]);
    // an urgent request does not wait for a plain one already waiting
    clock.advance(100);
    dirty = true;
    c.request();
    clock.advance(10);
    c.request(true);
    expect(applied).toEqual([0, 60, 260, 400]);
    // and overtakes its timer when the render cost says sooner; the superseded timer does nothing
    clock.advance(0);
    dirty = true;
    c.request();
    c.request(true);
    clock.advance(29);
    expect(applied).toEqual([0, 60, 260, 400]);
    clock.advance(1);
    expect(applied).toEqual([0, 60, 260, 400, 460]);
    clock.advance(1000);
    expect(applied).toEqual([0, 60, 260, 400, 460]);
  });

  it('coalesced: urgent requests as fast as they come still leave half of the thread', () => {
    const clock = fakeClock();
    const applied: number[] = [];
    const c = coalesced(
      () => {
        applied.push(clock.now());
        clock.spend(600);
        return true;
      },
      { ...clock, minIntervalMs: 200 },
    );
    for (let i = 0; i < 100; i++) {
      c.request(true);
      clock.advance(50);
    }
    const gaps = applied.slice(1).map((t, i) => t - applied[i]);
    expect(gaps.length).toBeGreaterThan(2);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1200);
  });
});
