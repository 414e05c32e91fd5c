import { describe, expect, it } from 'vitest';
import { StepPacer, yieldToEventLoop } from './step-pacer';

/**
 * A clock the test moves: the host spends `host` ms enqueueing a step, the device runs steps in
 * order, `device` ms each, and a sync waits until the device has run every step enqueued.
 */
function fakeLoop(o: { host: number; device: number; intervalMs: number }) {
  let t = 0;
  let deviceDone = 0;
  const syncs: number[] = [];
  let steps = 0;
  const pacer = new StepPacer({ intervalMs: o.intervalMs, now: () => t, yieldNow: () => Promise.resolve() });
  const step = async () => {
    t += o.host;
    deviceDone = Math.max(deviceDone, t) + o.device;
    steps++;
    await pacer.step(async () => {
      t = Math.max(t, deviceDone);
      syncs.push(steps);
    });
  };
  return { step, syncs, pacer };
}

describe('StepPacer', () => {
  it('on a host-bound loop pauses about once per interval, not once per step', async () => {
    const l = fakeLoop({ host: 10, device: 0, intervalMs: 100 });
    for (let i = 0; i < 101; i++) await l.step();
    // the first pause (step 1) measures a step; then one every 10 steps
    expect(l.syncs).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 101]);
  });

  it('on a device that runs behind the host, the step budget keeps the queued work under the interval', async () => {
    // the host enqueues a step in 1 ms, the device needs 50 ms for it: a wall-clock rule alone would
    // let 100 steps (5 s of device work) queue up before the first pause
    const l = fakeLoop({ host: 1, device: 50, intervalMs: 100 });
    for (let i = 0; i < 20; i++) await l.step();
    const gaps = l.syncs.slice(1).map((s, i) => s - l.syncs[i]);
    expect(gaps.every((g) => g <= 2)).toBe(true);
  });

  it('a step slower than the interval pauses after every step', async () => {
    const l = fakeLoop({ host: 300, device: 0, intervalMs: 100 });
    for (let i = 0; i < 5; i++) await l.step();
    expect(l.syncs).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets a queued message (a stop request) run at the pause, with the real event loop', async () => {
    let stop = false;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      stop = true;
      ch.port1.close();
    };
    let t = 0;
    const pacer = new StepPacer({ intervalMs: 100, now: () => t });
    ch.port2.postMessage('stop');
    let steps = 0;
    while (!stop && steps < 1000) {
      t += 30;
      steps++;
      await pacer.step(() => Promise.resolve());
    }
    // the message waits for the first pause: step 1 (the first pause measures the step)
    expect(steps).toBe(1);
    expect(stop).toBe(true);
  });

  it('yieldToEventLoop resolves after messages queued before it', async () => {
    const seen: string[] = [];
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      seen.push('message');
      ch.port1.close();
    };
    ch.port2.postMessage(null);
    await yieldToEventLoop();
    seen.push('after yield');
    expect(seen).toEqual(['message', 'after yield']);
  });
});
