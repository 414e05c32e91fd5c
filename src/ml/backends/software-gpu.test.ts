import { describe, expect, it } from 'vitest';
import { softwareWebGpuReason, webGlSoftwareRenderer, webGpuSoftwareAdapter } from './software-gpu';
import { unavailableReason } from './tf-backend';
import type { Environment } from './environment';

describe('webGpuSoftwareAdapter', () => {
  it("names headless Chromium's SwiftShader adapter (vendor google, architecture swiftshader, flagged fallback)", () => {
    expect(webGpuSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true })).toBe('SwiftShader');
    // the name alone is enough, with or without the flag
    expect(webGpuSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe('SwiftShader');
    expect(webGpuSoftwareAdapter({ description: 'SwiftShader Device (Subzero)' })).toBe('SwiftShader');
  });

  it("names Mesa's and Windows' software drivers", () => {
    expect(webGpuSoftwareAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.7, 256 bits)' })).toBe('llvmpipe');
    expect(webGpuSoftwareAdapter({ vendor: 'mesa', architecture: '', description: 'Lavapipe' })).toBe('lavapipe');
    expect(webGpuSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe('Microsoft Basic Render Driver');
  });

  it('an adapter flagged as a fallback counts as software even when it names no renderer we know, in either place the flag lives', () => {
    expect(webGpuSoftwareAdapter({ vendor: 'acme', isFallbackAdapter: true })).toBe('unnamed');
    expect(webGpuSoftwareAdapter({ vendor: 'acme', adapterIsFallback: true })).toBe('unnamed');
  });

  it('hardware adapters are not software', () => {
    expect(webGpuSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false })).toBeNull();
    expect(webGpuSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp', description: '' })).toBeNull();
    expect(webGpuSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3', adapterIsFallback: false })).toBeNull();
    expect(webGpuSoftwareAdapter({})).toBeNull();
  });
});

describe('webGlSoftwareRenderer', () => {
  it("reads Chromium's unmasked SwiftShader renderer as software", () => {
    expect(webGlSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('SwiftShader');
    expect(webGlSoftwareRenderer('Google SwiftShader')).toBe('SwiftShader');
    expect(webGlSoftwareRenderer('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe('llvmpipe');
    expect(webGlSoftwareRenderer('ANGLE (Mesa, llvmpipe (LLVM 12.0.0, 256 bits), OpenGL 4.5)')).toBe('llvmpipe');
    expect(webGlSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('Microsoft Basic Render Driver');
  });

  it('hardware renderers, the masked string and no string are not software', () => {
    expect(webGlSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBeNull();
    expect(webGlSoftwareRenderer('Apple M2')).toBeNull();
    expect(webGlSoftwareRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBeNull();
    expect(webGlSoftwareRenderer('WebKit WebGL')).toBeNull();
    expect(webGlSoftwareRenderer(undefined)).toBeNull();
  });
});

describe('unavailableReason: auto passes over a software GPU, a backend asked for by name does not', () => {
  const software: Environment = {
    webgpu: true,
    webgpuAdapter: 'google / swiftshader',
    webgpuSoftware: 'SwiftShader',
    webgl: true,
    webglRenderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    webglSoftware: 'SwiftShader',
    wasm: true,
    crossOriginIsolated: true,
    hardwareConcurrency: 2,
  };

  it('auto skips software WebGPU and WebGL with a reason naming the renderer, and keeps wasm', () => {
    expect(unavailableReason(software, 'webgpu', 'auto', true)).toBe('WebGPU adapter is a software fallback (SwiftShader): slower than WebAssembly here');
    expect(unavailableReason(software, 'webgl', 'auto', true)).toBe('WebGL renderer is software (SwiftShader): slower than WebAssembly here');
    expect(unavailableReason(software, 'wasm', 'auto', true)).toBeNull();
  });

  it('forcing webgpu (or webgl) keeps the software adapter; the other software GPU is still passed over on the way down', () => {
    expect(unavailableReason(software, 'webgpu', 'webgpu', true)).toBeNull();
    expect(unavailableReason(software, 'webgl', 'webgpu', true)).toMatch(/software \(SwiftShader\)/);
    expect(unavailableReason(software, 'webgl', 'webgl', true)).toBeNull();
  });

  it('a hardware GPU is taken by auto; a missing one says it is missing', () => {
    const hardware: Environment = { ...software, webgpuAdapter: 'nvidia / hopper', webgpuSoftware: undefined, webglRenderer: 'ANGLE (NVIDIA…)', webglSoftware: undefined };
    expect(unavailableReason(hardware, 'webgpu', 'auto', true)).toBeNull();
    expect(unavailableReason(hardware, 'webgl', 'auto', true)).toBeNull();
    expect(unavailableReason({ ...software, webgpu: false, webgpuSoftware: undefined }, 'webgpu', 'auto', true)).toMatch(/not available/);
    expect(unavailableReason(software, 'wasm', 'auto', false)).toMatch(/not configured/);
  });

  it('a bare fallback flag gives a reason without a name', () => {
    expect(softwareWebGpuReason('unnamed')).toBe('WebGPU adapter is a software fallback: slower than WebAssembly here');
  });
});
