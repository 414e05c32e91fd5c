import { webGlSoftwareRenderer, webGpuSoftwareAdapter } from './software-gpu';

/**
 * What this JS environment offers, probed once per realm (page or worker) and memoized:
 * repeated adapter requests are slow on software WebGPU and may return different adapters.
 * Works the same in a Web Worker, where training runs: navigator.gpu is there, and WebGL is
 * probed on an OffscreenCanvas.
 */
export interface Environment {
  webgpu: boolean;
  webgpuAdapter?: string;
  /** the software renderer the WebGPU adapter is ('SwiftShader', 'unnamed' for a bare fallback flag), absent for a hardware adapter */
  webgpuSoftware?: string;
  webgl: boolean;
  /** WEBGL_debug_renderer_info's unmasked renderer (else gl.RENDERER) */
  webglRenderer?: string;
  /** the software renderer WebGL runs on ('SwiftShader', 'llvmpipe'…), absent for a hardware GPU */
  webglSoftware?: string;
  wasm: boolean;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

let cached: Promise<Environment> | null = null;

/** An adapter as Kiln names it ("vendor / architecture / description") and the software renderer it is, if one. */
export function describeAdapter(adapter: GPUAdapter): { label: string; software: string | undefined } {
  // older browsers have no adapter.info (requestAdapterInfo() only)
  const info: GPUAdapterInfo | undefined = adapter.info;
  const label = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' / ') || 'unknown adapter';
  const software =
    webGpuSoftwareAdapter({
      vendor: info?.vendor,
      architecture: info?.architecture,
      device: info?.device,
      description: info?.description,
      isFallbackAdapter: info?.isFallbackAdapter,
      adapterIsFallback: (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter,
    }) ?? undefined;
  return { label, software };
}

async function probe(): Promise<Environment> {
  const g = globalThis as typeof globalThis & { navigator?: Navigator; OffscreenCanvas?: unknown; document?: unknown };
  let webgpu = false;
  let webgpuAdapter: string | undefined;
  let webgpuSoftware: string | undefined;
  const gpu = g.navigator && 'gpu' in g.navigator ? g.navigator.gpu : undefined;
  if (gpu) {
    try {
      const adapter = await gpu.requestAdapter();
      if (adapter) {
        webgpu = true;
        ({ label: webgpuAdapter, software: webgpuSoftware } = describeAdapter(adapter));
      }
    } catch {
      webgpu = false;
    }
  }
  let webgl = false;
  let webglRenderer: string | undefined;
  try {
    if (typeof g.OffscreenCanvas === 'function') {
      const c = new OffscreenCanvas(1, 1);
      const gl = c.getContext('webgl2') ?? c.getContext('webgl');
      webgl = !!gl;
      if (gl) {
        webglRenderer = glRenderer(gl);
        // the probe's context is not the one TF.js trains on: give it back now
        gl.getExtension('WEBGL_lose_context')?.loseContext();
      }
    }
  } catch {
    webgl = false;
  }
  return {
    webgpu,
    webgpuAdapter,
    webgpuSoftware,
    webgl,
    webglRenderer,
    webglSoftware: webGlSoftwareRenderer(webglRenderer) ?? undefined,
    wasm: typeof WebAssembly === 'object',
    crossOriginIsolated: !!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated,
    hardwareConcurrency: g.navigator?.hardwareConcurrency ?? 1,
  };
}

/** The real renderer behind WebGL: the debug extension's unmasked string where it is offered (Chromium), else gl.RENDERER (Firefox puts a sanitized real name there). */
function glRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext): string | undefined {
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const r: unknown = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof r === 'string' && r ? r : undefined;
  } catch {
    return undefined;
  }
}

export function detectEnvironment(): Promise<Environment> {
  cached ??= probe();
  return cached;
}
