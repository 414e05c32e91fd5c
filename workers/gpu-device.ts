import { describeAdapter } from '../src/ml/backends/environment';

/** The WebGPU device Kiln's own engine trains on, and what its adapter is. */
export interface KilnGpu {
  device: GPUDevice;
  /** "vendor / architecture / description", with "(software)" for a software adapter */
  adapter: string;
  /** the software renderer the adapter is (SwiftShader…), absent for a hardware GPU */
  software?: string;
}

let cached: Promise<KilnGpu | null> | null = null;

/**
 * This worker's WebGPU device for Kiln's engine, requested once (adapter requests are slow on a
 * software adapter and may return different ones), or null without an adapter. The device asks for
 * the adapter's largest storage buffers, so a large dataset's batches and a wide model's layers fit;
 * a lost device is forgotten, so the next run asks again.
 */
export function kilnGpu(): Promise<KilnGpu | null> {
  cached ??= request().catch(() => null);
  return cached;
}

async function request(): Promise<KilnGpu | null> {
  const gpu = (globalThis as { navigator?: Navigator }).navigator?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const { label: name, software } = describeAdapter(adapter);
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
    },
  });
  void device.lost.then(() => {
    cached = null;
  });
  // as backends/tf-backend.ts's adapterLabel shows TF.js's adapter
  return { device, adapter: software ? `${name} (software)` : name, software };
}
