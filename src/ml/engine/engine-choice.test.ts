import { describe, expect, it } from 'vitest';
import { chooseEngine } from './engine-choice';

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
