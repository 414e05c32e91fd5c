import { describe, expect, it } from 'vitest';
import { engineCandidates, MAX_THREADS, threadPlan, type EngineContext } from './engine-choice';

describe('engine choice', () => {
  const gpu = { gpuPath: true, webgpu: true, canCalibrate: true };
  const names = (e: Parameters<typeof engineCandidates>[0], b: Parameters<typeof engineCandidates>[1], c: EngineContext) => engineCandidates(e, b, c).candidates;

  it('auto measures the CPU engine against the WebGPU engine only for a single run of a family with a GPU path on a hardware adapter', () => {
    expect(engineCandidates('auto', 'auto', gpu)).toEqual({ candidates: ['kiln-cpu', 'kiln-webgpu'], why: 'auto: measured' });
    expect(names('auto', 'auto', { ...gpu, webgpu: false })).toEqual(['kiln-cpu']);
    expect(names('auto', 'auto', { ...gpu, gpuPath: false })).toEqual(['kiln-cpu']);
    expect(engineCandidates('auto', 'auto', { ...gpu, canCalibrate: false }).why).toMatch(/search or cross-validation/);
    // Kiln's engine forced: no measuring, the CPU
    expect(names('kiln', 'auto', gpu)).toEqual(['kiln-cpu']);
  });

  it('never picks a software adapter on its own, says why, and measures one only when asked to', () => {
    const sw = { ...gpu, webgpuSoftware: 'SwiftShader' };
    const r = engineCandidates('auto', 'auto', sw);
    expect(r.candidates).toEqual(['kiln-cpu']);
    expect(r.why).toBe("auto: Kiln's engine on the CPU; WebGPU passed over: WebGPU adapter is a software fallback (SwiftShader): slower than WebAssembly here");
    expect(names('auto', 'auto', { ...sw, measureSoftwareGpu: true })).toEqual(['kiln-cpu', 'kiln-webgpu']);
  });

  it('a GPU backend chosen by name trains on that GPU: Kiln’s WebGPU engine where the family has one, else TF.js; WebGL has no Kiln path', () => {
    expect(names('auto', 'webgpu', { ...gpu, webgpuSoftware: 'SwiftShader' })).toEqual(['kiln-webgpu']);
    expect(names('kiln', 'webgpu', gpu)).toEqual(['kiln-webgpu']);
    expect(names('auto', 'webgpu', { ...gpu, gpuPath: false })).toEqual(['tfjs']);
    expect(names('kiln', 'webgpu', { ...gpu, gpuPath: false })).toEqual(['kiln-cpu']);
    expect(names('auto', 'webgl', gpu)).toEqual(['tfjs']);
    expect(names('kiln', 'webgl', gpu)).toEqual(['kiln-cpu']);
  });

  it('TF.js chosen in settings trains on TF.js whatever the backend; a CPU backend keeps Kiln’s CPU engine', () => {
    for (const b of ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const) expect(names('tfjs', b, gpu)).toEqual(['tfjs']);
    expect(names('auto', 'wasm', gpu)).toEqual(['kiln-cpu']);
    expect(names('auto', 'cpu', gpu)).toEqual(['kiln-cpu']);
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
