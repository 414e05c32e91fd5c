import { describe, expect, it } from 'vitest';
import { engineName, measuredRate } from './EngineLine';

describe('measuredRate', () => {
  it("is the median of the epochs' rates, skipping epochs without one", () => {
    expect(measuredRate([{ samplesPerSec: 300 }, { samplesPerSec: 100 }, { samplesPerSec: 200 }])).toEqual({ rate: 200, epochs: 3 });
    expect(measuredRate([{ samplesPerSec: 100 }, { samplesPerSec: 400 }, {}, { samplesPerSec: Number.NaN }])).toEqual({ rate: 250, epochs: 2 });
    expect(measuredRate([])).toBeNull();
    expect(measuredRate([{}, { samplesPerSec: 0 }])).toBeNull();
  });
});

describe('engineName', () => {
  it('names the engine, where it ran and on how many threads', () => {
    expect(engineName({ engine: 'kiln', runsOn: 'wasm-simd', threads: 2, why: '' })).toBe('Kiln (WebAssembly SIMD, 2 threads)');
    expect(engineName({ engine: 'kiln', runsOn: 'js', threads: 1, why: '' })).toBe('Kiln (JavaScript, 1 thread)');
    expect(engineName({ engine: 'kiln', runsOn: 'webgpu', threads: 1, why: '', adapter: 'nvidia / hopper' })).toBe('Kiln (WebGPU, nvidia / hopper)');
    expect(engineName({ engine: 'tfjs', runsOn: 'webgl', threads: 1, why: '' })).toBe('TF.js (webgl)');
  });
});
