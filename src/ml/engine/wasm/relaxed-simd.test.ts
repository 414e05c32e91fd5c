import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_PATH } from './kernels-wasm-node';

const relaxed = fileURLToPath(new URL('./kernels-relaxed.wasm', import.meta.url));
const check = fileURLToPath(new URL('./relaxed-check.mjs', import.meta.url));

describe('the relaxed-SIMD (FMA) build of the kernels', () => {
  it('uses relaxed SIMD (it does not validate without the feature), and its GEMMs equal a float64 reference as the plain build does (≤ 1e-6 of the largest element), every layout, edge tiles', () => {
    // Node 20's V8 has relaxed SIMD behind a flag (Chromium ≥ 114 and Node ≥ 22 by default): the
    // check runs in a child with the flag, so the build browsers pick is tested here too
    const natively = WebAssembly.validate(readFileSync(relaxed));
    const r = spawnSync(process.execPath, [...(natively ? [] : ['--experimental-wasm-relaxed-simd']), check, relaxed, KERNELS_WASM_PATH], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { worst: { relaxed: number; plain: number }; relaxedValid: boolean };
    expect(out.relaxedValid).toBe(true);
    expect(out.worst.plain).toBeLessThanOrEqual(1e-6);
    expect(out.worst.relaxed).toBeLessThanOrEqual(1e-6);
    // the plain build is what a runtime without the feature gets: it must not need it
    if (!natively) expect(WebAssembly.validate(readFileSync(KERNELS_WASM_PATH))).toBe(true);
  });
});
