/**
 * What this JS environment offers, probed once per realm (page or worker) and memoized:
 * repeated adapter requests are slow on software WebGPU and may return different adapters.
 */
export interface Environment {
  webgpu: boolean;
  webgpuAdapter?: string;
  webgl: boolean;
  wasm: boolean;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

let cached: Promise<Environment> | null = null;

async function probe(): Promise<Environment> {
  const g = globalThis as typeof globalThis & { navigator?: Navigator; OffscreenCanvas?: unknown; document?: unknown };
  let webgpu = false;
  let webgpuAdapter: string | undefined;
  const gpu = g.navigator && 'gpu' in g.navigator ? g.navigator.gpu : undefined;
  if (gpu) {
    try {
      const adapter = await gpu.requestAdapter();
      if (adapter) {
        webgpu = true;
        const info = adapter.info;
        webgpuAdapter = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' / ') || 'unknown adapter';
      }
    } catch {
      webgpu = false;
    }
  }
  let webgl = false;
  try {
    if (typeof g.OffscreenCanvas === 'function') {
      const c = new OffscreenCanvas(1, 1);
      webgl = !!(c.getContext('webgl2') ?? c.getContext('webgl'));
    }
  } catch {
    webgl = false;
  }
  return {
    webgpu,
    webgpuAdapter,
    webgl,
    wasm: typeof WebAssembly === 'object',
    crossOriginIsolated: !!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated,
    hardwareConcurrency: g.navigator?.hardwareConcurrency ?? 1,
  };
}

export function detectEnvironment(): Promise<Environment> {
  cached ??= probe();
  return cached;
}
