import * as tf from '@tensorflow/tfjs';
import { maskSmokeTest, patchWebGpuCast } from './webgpu-fixes';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { detectEnvironment, type Environment } from './environment';
import { softwareWebGlReason, softwareWebGpuReason } from './software-gpu';

/** The single door to TF.js backends: selection, fallback order, and a kernel smoke test. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendChoice {
  backend: BackendName;
  requested: BackendPreference;
  /** backends tried before the one in use, and why each was passed over */
  skipped: { backend: BackendName; reason: string }[];
  environment: Environment;
}

/** What every training worker's 'init' event says about the backend: the one in use, those passed over, the WebGPU adapter. */
export function backendReport(c: BackendChoice): { backend: BackendName; skipped: BackendChoice['skipped']; adapter: string | undefined } {
  return { backend: c.backend, skipped: c.skipped, adapter: c.backend === 'webgpu' ? adapterLabel(c.environment) : undefined };
}

/** The WebGPU adapter as logs show it: "google / swiftshader (software)" for a software one. */
export function adapterLabel(env: Environment): string | undefined {
  return env.webgpuAdapter && (env.webgpuSoftware ? `${env.webgpuAdapter} (software)` : env.webgpuAdapter);
}

export function isBackendName(s: string | null | undefined): s is BackendName {
  return !!s && (BACKEND_ORDER as readonly string[]).includes(s);
}

let wasmConfigured = false;
/** Wasm binaries are served by the app (Vite asset URLs), never fetched from a CDN. */
export function configureWasm(paths: Record<string, string>): void {
  setWasmPaths(paths);
  wasmConfigured = true;
}

/**
 * Why backend `b` cannot (or, for `auto`, should not) run here, or null. A software GPU
 * (SwiftShader, llvmpipe…) trains far slower than WebAssembly, so it counts as no GPU unless it
 * is the backend the user asked for by name.
 */
export function unavailableReason(env: Environment, b: BackendName, requested: BackendPreference, wasmReady = wasmConfigured): string | null {
  if (b === 'webgpu' && !env.webgpu) return 'WebGPU is not available (no navigator.gpu adapter)';
  if (b === 'webgl' && !env.webgl) return 'WebGL is not available in this context';
  if (b === 'webgpu' && env.webgpuSoftware && requested !== 'webgpu') return softwareWebGpuReason(env.webgpuSoftware);
  if (b === 'webgl' && env.webglSoftware && requested !== 'webgl') return softwareWebGlReason(env.webglSoftware);
  if (b === 'wasm' && (!env.wasm || !wasmReady)) return 'WebAssembly backend is not configured';
  return null;
}

/**
 * A forward and backward pass through the kernels a dense model uses, read back and checked:
 * a backend that initialises but computes garbage (seen with some drivers) is rejected here
 * rather than mid-run.
 */
async function smokeTest(): Promise<void> {
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  const w = tf.variable(tf.tensor2d([[0.5], [-0.25]]));
  const g = tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(tf.tensor2d([[1], [0]]), tf.relu(x.matMul(w))) as tf.Scalar, [w]);
  const [value, grad] = await Promise.all([g.value.data(), g.grads[w.name].data()]);
  const expected = -(Math.log(1 / (1 + Math.exp(-0))) + Math.log(1 - 1 / (1 + Math.exp(-0.5)))) / 2;
  tf.dispose([x, w, g.value, ...Object.values(g.grads)]);
  if (!Number.isFinite(value[0]) || Math.abs(value[0] - expected) > 1e-3 || !grad.every(Number.isFinite)) {
    throw new Error(`smoke test computed ${value[0]} instead of ${expected.toFixed(4)}`);
  }
}

export async function selectBackend(requested: BackendPreference): Promise<BackendChoice> {
  const environment = await detectEnvironment();
  const order = requested === 'auto' ? BACKEND_ORDER : [requested, ...BACKEND_ORDER.filter((b) => b !== requested)];
  const skipped: BackendChoice['skipped'] = [];
  for (const b of order) {
    const why = unavailableReason(environment, b, requested);
    if (why) {
      skipped.push({ backend: b, reason: why });
      continue;
    }
    try {
      const ok = await tf.setBackend(b);
      if (!ok) throw new Error('initialisation failed');
      await tf.ready();
      // setBackend can land elsewhere (no adapter) without failing: trust only what runs
      if (tf.getBackend() !== b) throw new Error(`asked for ${b}, TF.js runs ${tf.getBackend()}`);
      if (b === 'webgpu') patchWebGpuCast();
      await smokeTest();
      await maskSmokeTest();
      return { backend: b, requested, skipped, environment };
    } catch (e) {
      skipped.push({ backend: b, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`no TF.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
