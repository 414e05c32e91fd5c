import { describe, expect, it } from 'vitest';
import { BatchReads } from './loop-utils';

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('BatchReads', () => {
  it('reads the first step at once, then a few times per epoch, and whenever a second passed without a read', () => {
    const c = clock();
    const r = new BatchReads({ stepsPerEpoch: 100, readsPerEpoch: 4, totalSteps: 200, startGlobalStep: 0, now: c.now, intervalMs: 1000 });
    const due: number[] = [];
    for (let s = 0; s < 100; s++) {
      c.advance(5);
      if (r.step(s, 32)) due.push(s + 1);
    }
    // step 1 (the first), then every 25th step and the epoch's last
    expect(due).toEqual([1, 25, 50, 75, 100]);
    // slow steps (600 ms each): the wall-clock rule reads every other step
    const slow: number[] = [];
    for (let s = 0; s < 6; s++) {
      c.advance(600);
      if (r.step(s, 32)) slow.push(s + 1);
    }
    expect(slow).toEqual([2, 4, 6]);
  });

  it('rates and ETA come from wall time when the read resolves, not when the step was queued', () => {
    const c = clock();
    const r = new BatchReads({ stepsPerEpoch: 10, readsPerEpoch: 1, totalSteps: 20, startGlobalStep: 0, now: c.now });
    // ten steps queued in 10 ms (an asynchronous device returns at once)…
    for (let s = 0; s < 10; s++) {
      c.advance(1);
      r.step(s, 100);
    }
    const at = { epoch: 1, step: 10, globalStep: 10, samples: r.mark() };
    // …but the read resolves after 2 s: the device took that long
    c.advance(1990);
    const rep = r.report(at, 0.5);
    expect(rep.samplesPerSec).toBeCloseTo(500, 6);
    // 10 steps took 2 s: 10 more take 2 s
    expect(rep.etaMs).toBeCloseTo(2000, 6);
    expect(rep).toMatchObject({ epoch: 1, step: 10, stepsPerEpoch: 10, globalStep: 10, loss: 0.5 });
  });

  it('a resumed fit counts its ETA from the steps it trained itself', () => {
    const c = clock();
    const r = new BatchReads({ stepsPerEpoch: 10, readsPerEpoch: 1, totalSteps: 40, startGlobalStep: 20, now: c.now });
    r.step(0, 8);
    c.advance(100);
    const rep = r.report({ epoch: 3, step: 1, globalStep: 21, samples: r.mark() }, 1);
    expect(rep.etaMs).toBeCloseTo(1900, 6);
    expect(rep.samplesPerSec).toBeCloseTo(80, 6);
  });
});
