import { describe, expect, it } from 'vitest';
import { chooseEngine, MAX_THREADS, threadPlan } from './engine-choice';

describe('engine choice', () => {
  it("auto trains on Kiln's engine unless a TF.js GPU backend is chosen on purpose; a forced engine is kept", () => {
    expect(chooseEngine('auto', 'auto')).toBe('kiln');
    expect(chooseEngine('auto', 'wasm')).toBe('kiln');
    expect(chooseEngine('auto', 'cpu')).toBe('kiln');
    expect(chooseEngine('auto', 'webgpu')).toBe('tfjs');
    expect(chooseEngine('auto', 'webgl')).toBe('tfjs');
    expect(chooseEngine('tfjs', 'auto')).toBe('tfjs');
    expect(chooseEngine('kiln', 'webgpu')).toBe('kiln');
  });
});

describe('thread plan', () => {
  it('uses every core up to MAX_THREADS when cross-origin isolated, else one thread with the reason', () => {
    const sab = SharedArrayBuffer;
    expect(threadPlan({ crossOriginIsolated: true, SharedArrayBuffer: sab, navigator: { hardwareConcurrency: 2 } })).toEqual({ threads: 2, why: '2 threads: cross-origin isolated, 2 cores' });
    expect(threadPlan({ crossOriginIsolated: true, SharedArrayBuffer: sab, navigator: { hardwareConcurrency: 16 } }).threads).toBe(MAX_THREADS);
    expect(threadPlan({ crossOriginIsolated: false, SharedArrayBuffer: sab, navigator: { hardwareConcurrency: 8 } })).toEqual({ threads: 1, why: expect.stringMatching(/not cross-origin isolated/) });
    expect(threadPlan({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 8 } })).toEqual({ threads: 1, why: expect.stringMatching(/SharedArrayBuffer is unavailable/) });
    expect(threadPlan({ crossOriginIsolated: true, SharedArrayBuffer: sab, navigator: { hardwareConcurrency: 1 } }).threads).toBe(1);
    expect(threadPlan({}).threads).toBe(1);
  });
});
