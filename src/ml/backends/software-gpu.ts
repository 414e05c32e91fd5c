/**
 * Is this GPU a software rasterizer? SwiftShader (Chromium's fallback, the only adapter of a
 * headless browser with --enable-unsafe-webgpu), Mesa's llvmpipe / lavapipe / softpipe and
 * Windows' "Microsoft Basic Render Driver" run shaders on the CPU: TF.js trains 10–30× slower
 * there than on its WebAssembly backend, so `auto` treats them as no GPU. Pure functions, so the
 * page, the workers and the unit tests classify alike.
 */

const SOFTWARE_RENDERERS: readonly [RegExp, string][] = [
  [/swift\s*shader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/microsoft basic render/i, 'Microsoft Basic Render Driver'],
];

/** The software renderer a vendor / architecture / description / renderer string names, or null. */
export function softwareRendererName(...texts: (string | null | undefined)[]): string | null {
  const text = texts.filter(Boolean).join(' ');
  for (const [re, name] of SOFTWARE_RENDERERS) if (re.test(text)) return name;
  return null;
}

/** The fields of a GPUAdapterInfo (and the older GPUAdapter.isFallbackAdapter) the check reads. */
export interface WebGpuAdapterFacts {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** GPUAdapterInfo.isFallbackAdapter (Chromium 121+) */
  isFallbackAdapter?: boolean;
  /** GPUAdapter.isFallbackAdapter, the older place of the same flag */
  adapterIsFallback?: boolean;
}

/**
 * 'SwiftShader' (or another software renderer's name) when the adapter is one, 'unnamed' for an
 * adapter flagged as a fallback that names no renderer we know, null for a hardware adapter.
 */
export function webGpuSoftwareAdapter(f: WebGpuAdapterFacts): string | null {
  const named = softwareRendererName(f.vendor, f.architecture, f.device, f.description);
  if (named) return named;
  return f.isFallbackAdapter === true || f.adapterIsFallback === true ? 'unnamed' : null;
}

/** The software renderer a WebGL renderer string (WEBGL_debug_renderer_info's UNMASKED_RENDERER_WEBGL) names, or null. */
export function webGlSoftwareRenderer(renderer: string | null | undefined): string | null {
  return softwareRendererName(renderer);
}

/** Why `auto` passes over a software WebGPU adapter. */
export function softwareWebGpuReason(name: string): string {
  return `WebGPU adapter is a software fallback${name === 'unnamed' ? '' : ` (${name})`}: slower than WebAssembly here`;
}

/** Why `auto` passes over a software WebGL renderer. */
export function softwareWebGlReason(name: string): string {
  return `WebGL renderer is software (${name}): slower than WebAssembly here`;
}
